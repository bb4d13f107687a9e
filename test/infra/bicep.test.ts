/**
 * Compiles and lints infra/main.bicep with the real Bicep CLI (restored from NuGet by
 * infra/tools/restore-bicep.sh into .tools/bicep; BICEP_PATH overrides). Any warning or error fails:
 * infra/bicepconfig.json turns the linter rules into errors, and compiler warnings (e.g. BCP081, an API
 * version the CLI has no types for) are not allowed either.
 *
 * Without the CLI the suite is skipped with a printed reason, except in CI (CI=true), where it fails.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../shared/config/settings.js';

const repoRoot = join(__dirname, '..', '..');
const mainBicep = join(repoRoot, 'infra', 'main.bicep');
const bicepPath = process.env.BICEP_PATH ?? join(repoRoot, '.tools', 'bicep');
const haveBicep = existsSync(bicepPath);
const inCi = Boolean(process.env.CI);
const BICEP_TIMEOUT_MS = 180_000;

const missingReason = `Bicep CLI not found at ${bicepPath}; run \`bash infra/tools/restore-bicep.sh\` (needs the dotnet SDK)`;
if (!haveBicep && !inCi) console.warn(`test/infra/bicep.test.ts skipped: ${missingReason}`);

interface BicepRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

function bicep(...args: string[]): BicepRun {
  const run = spawnSync(bicepPath, args, {
    cwd: repoRoot,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: BICEP_TIMEOUT_MS,
    env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1' },
  });
  if (run.error) throw run.error;
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Diagnostic lines look like `path(line,col) : Warning rule-or-code: message`. */
function diagnostics(output: string): string[] {
  return output.split('\n').filter((line) => /:\s*(Warning|Error|Info)\s+[\w-]+:/.test(line));
}

/** App setting names in the compiled ARM template: literal {name, value} arrays and createObject('name', '...') calls. */
function appSettingNames(template: unknown): Set<string> {
  const names = new Set<string>();
  const visit = (node: unknown): void => {
    if (typeof node === 'string') {
      for (const match of node.matchAll(/createObject\('name', '([^']+)', 'value'/g)) names.add(match[1]!);
    } else if (Array.isArray(node)) {
      const pairs = node.every(
        (item) =>
          typeof item === 'object' &&
          item !== null &&
          'name' in item &&
          'value' in item &&
          Object.keys(item).length === 2,
      );
      for (const item of node) {
        if (pairs && node.length > 0) {
          const name = (item as { name: unknown }).name;
          if (typeof name === 'string' && !name.startsWith('[')) names.add(name);
        }
        visit(item);
      }
    } else if (typeof node === 'object' && node !== null) {
      for (const value of Object.values(node)) visit(value);
    }
  };
  visit(template);
  return names;
}

describe.runIf(!haveBicep && inCi)('Bicep CLI in CI', () => {
  it('is restored before the tests run', () => {
    expect.fail(`${missingReason}. CI must run the restore script first.`);
  });
});

describe.skipIf(!haveBicep)('infra/main.bicep with the Bicep CLI', () => {
  let compiled: BicepRun | undefined;
  const build = (): BicepRun => (compiled ??= bicep('build', mainBicep, '--stdout'));

  it('builds with no warnings or errors', { timeout: BICEP_TIMEOUT_MS }, () => {
    const run = build();
    expect(diagnostics(run.stderr + run.stdout), run.stderr).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
    expect(() => JSON.parse(run.stdout) as unknown).not.toThrow();
  });

  it('sets the Function App CORS from the portalOrigins parameter, without credentials', { timeout: BICEP_TIMEOUT_MS }, () => {
    const text = build().stdout;
    const template = JSON.parse(text) as { parameters: Record<string, { type: string; defaultValue?: unknown }> };
    expect(template.parameters.portalOrigins).toMatchObject({ type: 'array', defaultValue: [] });
    expect(text).toMatch(/"cors":\s*\{\s*"allowedOrigins":\s*"\[parameters\('corsAllowedOrigins'\)\]",\s*"supportCredentials":\s*false/);
    expect(text).toMatch(/"corsAllowedOrigins":\s*\{\s*"value":\s*"\[parameters\('portalOrigins'\)\]"/);
  });

  it('lints with no warnings or errors', { timeout: BICEP_TIMEOUT_MS }, () => {
    const run = bicep('lint', mainBicep);
    expect(diagnostics(run.stderr + run.stdout), run.stderr + run.stdout).toEqual([]);
    expect(run.status, run.stderr).toBe(0);
  });

  it(
    'keeps every Bicep file in `bicep format` layout (settings.test.ts parses that layout)',
    { timeout: BICEP_TIMEOUT_MS },
    () => {
      // Format copies in one CLI run (--pattern formats in place and cannot write elsewhere), then compare.
      const copyDir = mkdtempSync(join(tmpdir(), 'bicep-format-'));
      try {
        cpSync(join(repoRoot, 'infra'), copyDir, {
          recursive: true,
          filter: (src) => !src.includes(join('infra', 'tools')),
        });
        const run = bicep('format', '--pattern', join(copyDir, '**', '*.bicep'));
        expect(run.status, run.stderr).toBe(0);
        const files = readdirSync(copyDir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.bicep'));
        expect(files.length).toBeGreaterThan(1);
        const unformatted = files.filter(
          (file) => readFileSync(join(copyDir, file), 'utf8') !== readFileSync(join(repoRoot, 'infra', file), 'utf8'),
        );
        expect(unformatted).toEqual([]);
      } finally {
        rmSync(copyDir, { recursive: true, force: true });
      }
    },
  );

  it('compiles the app settings the code expects', { timeout: BICEP_TIMEOUT_MS }, () => {
    const run = build();
    expect(run.status, run.stderr).toBe(0);
    const names = appSettingNames(JSON.parse(run.stdout));
    const settingNames: string[] = Object.values(Settings);
    // The Azure combination: SQL + Service Bus + managed-identity blobs + Entra tokens.
    for (const name of [
      Settings.dbKind,
      Settings.sqlServer,
      Settings.sqlDatabase,
      Settings.queueKind,
      Settings.queueName,
      Settings.serviceBusNamespace,
      Settings.blobAccountUrl,
      Settings.blobContainer,
      Settings.azureClientId,
      Settings.authMode,
      Settings.authIssuer,
      Settings.authAudience,
      Settings.purgeSchedule,
      Settings.appInsightsConnectionString,
      'AzureWebJobsStorage__accountName',
    ]) {
      expect(names, name).toContain(name);
    }
    const staleExportNames = [...names].filter((name) => name.startsWith('EXPORT_') && !settingNames.includes(name));
    expect(staleExportNames).toEqual([]);
  });
});

describe('infra/main.parameters.json', () => {
  it('only names parameters that main.bicep declares, and supplies every required one', () => {
    const source = readFileSync(mainBicep, 'utf8');
    // A declaration runs from `param` to the next line that starts a new statement at column 0
    // (multi-line object types end with `}` or `} = {`); it has a default when it contains ` = `.
    const declared = new Map(
      [...source.matchAll(/^param\s+(\w+)\b[^\n]*(?:\n(?![A-Za-z@/])[^\n]*)*/gm)].map((m) => [m[1]!, / = /.test(m[0])]),
    );
    const file = JSON.parse(readFileSync(join(repoRoot, 'infra', 'main.parameters.json'), 'utf8')) as {
      parameters: Record<string, unknown>;
    };
    const given = Object.keys(file.parameters);
    expect(given.filter((name) => !declared.has(name))).toEqual([]);
    const required = [...declared].filter(([, hasDefault]) => !hasDefault).map(([name]) => name);
    expect(required.filter((name) => !given.includes(name))).toEqual([]);
  });
});
