import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const repoRoot = join(__dirname, '..', '..');
const has = (command: string) => spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;

/**
 * What the integration tests need beyond npm packages: restores what can be restored (the Bicep
 * CLI, from NuGet) and names what is missing. `npm test` prints the list loudly at the start and
 * again at the end, so a skipped suite is never silent. In CI the suites themselves fail instead.
 */
export function prepareTestTools(): string[] {
  const missing: string[] = [];
  const bicep = process.env.BICEP_PATH ?? join(repoRoot, '.tools', 'bicep');
  if (!existsSync(bicep)) {
    process.stderr.write('test tools: the Bicep CLI is missing; restoring it from NuGet (bash infra/tools/restore-bicep.sh)…\n');
    const restore = spawnSync('bash', [join(repoRoot, 'infra', 'tools', 'restore-bicep.sh')], {
      cwd: repoRoot,
      encoding: 'utf8',
      timeout: 600_000,
    });
    if (restore.status !== 0 || !existsSync(bicep)) {
      missing.push(
        `test/infra/bicep.test.ts: the Bicep CLI could not be restored (${(restore.stderr || restore.error?.message || '').trim().split('\n').at(-1) ?? 'unknown'})`,
      );
    }
  }
  if (!process.env.CHROMIUM_PATH && !has('chromium') && !has('chromium-browser')) {
    missing.push('test/e2e/console.test.ts: Chromium is not installed (apt-get install chromium)');
  }
  if (!has('soffice'))
    missing.push('test/shared/app/export/writers/xlsxLibreOffice.integration.test.ts: LibreOffice is not installed');
  if (!has('pdftotext')) missing.push('the PDF read-back by pdftotext: poppler-utils is not installed');
  return missing;
}

export function banner(missing: readonly string[]): string {
  if (missing.length === 0) return '';
  const lines = [
    '',
    '!'.repeat(100),
    `!! SKIPPED — ${missing.length} suite(s) could not run on this machine:`,
    ...missing.map((m) => `!!   - ${m}`),
    '!'.repeat(100),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
