// @ts-nocheck
// Lints probe sources as if each were a file of the project, with the project's own ESLint config,
// and prints what each one got. Runs as its own process (ESLint's plugins load as they do in the CLI).
//   node lintProbes.mjs < [{ "path": "shared/domain/dates.ts", "code": "…" }, …]
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(import.meta.dirname, '..', '..');
const probes = JSON.parse(readFileSync(0, 'utf8'));
const eslint = new ESLint({
  cwd: repoRoot,
  // Only the structural rules; probes are checked without type information.
  ruleFilter: ({ ruleId }) =>
    ['import-x/no-restricted-paths', 'import-x/no-cycle', 'no-restricted-imports', 'no-restricted-properties'].includes(ruleId),
  overrideConfig: { languageOptions: { parserOptions: { projectService: false, project: null } } },
});
const out = [];
for (const probe of probes) {
  const [result] =
    probe.code === undefined
      ? await eslint.lintFiles([join(repoRoot, probe.path)])
      : await eslint.lintText(probe.code, { filePath: join(repoRoot, probe.path) });
  out.push((result?.messages ?? []).map((m) => `${m.ruleId ?? 'parse'}: ${m.message}`));
}
process.stdout.write(JSON.stringify(out));
