/**
 * Runs the predeploy hook infra/scripts/migrate.sh against stand-ins for `npm` and `az` (small shell
 * scripts that record their arguments), since there is no Azure SQL here: the hook runs the real
 * `npm run migrate` entry point with the SQL Server settings, opens the firewall for a refused address
 * the way the tedious error reports it, retries, and removes the rule. What `npm run migrate` itself
 * sends is checked in test/shared/adapters/sql/migrationTsql.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..');
const script = join(repoRoot, 'infra', 'scripts', 'migrate.sh');
const REFUSED_IP = '198.51.100.23';

/** `npm` stand-in: `run -s migrate` fails like tedious behind the SQL firewall until the rule exists. */
const fakeNpm = `#!/usr/bin/env bash
echo "npm $* EXPORT_DB_KIND=$EXPORT_DB_KIND" >> "$FAKE_LOG"
if [[ "$*" == "run -s migrate" ]]; then
  if [[ ! -f "$FAKE_DIR/firewall-open" ]]; then
    echo "migrate failed: migration failed: ConnectionError: Cannot open server 'sql-export-abc' requested by the login. Client with IP address '${REFUSED_IP}' is not allowed to access the server." >&2
    exit 1
  fi
  echo "migrate: sql-export-abc.database.windows.net/sqldb-export is at schema version 0001_initial (applied 0001_initial)"
fi
exit 0
`;

const fakeAz = `#!/usr/bin/env bash
echo "az $*" >> "$FAKE_LOG"
if [[ "$*" == *"firewall-rule create"* ]]; then touch "$FAKE_DIR/firewall-open"; fi
exit 0
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'migrate-hook-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTool(name: string, body: string): void {
  writeFileSync(join(dir, name), body);
  chmodSync(join(dir, name), 0o755);
}

function runHook(overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string> = {
    PATH: `${dir}:/usr/bin:/bin`,
    HOME: dir,
    FAKE_LOG: join(dir, 'calls.log'),
    FAKE_DIR: dir,
    SQL_RETRY_DELAY_SECONDS: '0',
    EXPORT_SQL_SERVER: 'sql-export-abc.database.windows.net',
    EXPORT_SQL_DATABASE: 'sqldb-export',
    AZURE_RESOURCE_GROUP: 'rg-dev',
    AZURE_SQL_SERVER_NAME: 'sql-export-abc',
  };
  for (const [name, value] of Object.entries(overrides)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const run = spawnSync('bash', [script], { env, encoding: 'utf8', timeout: 30_000 });
  let calls: string[] = [];
  try {
    calls = readFileSync(join(dir, 'calls.log'), 'utf8').trim().split('\n');
  } catch {
    // nothing was called
  }
  return { status: run.status, output: run.stdout + run.stderr, calls };
}

describe('infra/scripts/migrate.sh (azd predeploy hook)', () => {
  it('runs npm run migrate on SQL Server, through a temporary firewall rule it removes afterwards', () => {
    writeTool('npm', fakeNpm);
    writeTool('az', fakeAz);
    const { status, output, calls } = runHook();
    expect(status, output).toBe(0);
    const migrations = calls.filter((c) => c.startsWith('npm run -s migrate'));
    expect(migrations).toHaveLength(2);
    for (const m of migrations) expect(m).toContain('EXPORT_DB_KIND=mssql');
    const rule = `azd-predeploy-${REFUSED_IP.replaceAll('.', '-')}`;
    const create = calls.findIndex((c) => c.includes('firewall-rule create') && c.includes(`--name ${rule}`));
    const remove = calls.findIndex((c) => c.includes('firewall-rule delete') && c.includes(`--name ${rule}`));
    expect(create).toBeGreaterThan(calls.indexOf(migrations[0]!));
    expect(remove).toBeGreaterThan(calls.lastIndexOf(migrations[1]!));
    expect(output).toContain('is at schema version 0001_initial');
  });

  it('fails with the migration error when the server keeps refusing (and says so)', () => {
    writeTool('npm', `#!/usr/bin/env bash\necho "migrate failed: migration 0002_x failed — RequestError: permission denied" >&2\nexit 1\n`);
    const { status, output } = runHook();
    expect(status).toBe(1);
    expect(output).toContain('giving up after 6 attempts');
    expect(output).toContain('permission denied');
  });

  it('names the missing setting when run outside azd', () => {
    const { status, output } = runHook({ EXPORT_SQL_DATABASE: undefined });
    expect(status).not.toBe(0);
    expect(output).toContain('EXPORT_SQL_DATABASE');
  });
});
