/**
 * Runs the post-provision script infra/scripts/create-sql-user.sh against stand-ins for `sqlcmd` and
 * `az` (small shell scripts that record their arguments), since there is no Azure SQL here. Checks the
 * control flow: the temporary firewall rule for the refused address, the variables handed to the T-SQL,
 * the clean-up, and the refusals.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const repoRoot = join(__dirname, '..', '..');
const script = join(repoRoot, 'infra', 'scripts', 'create-sql-user.sh');
const sqlFile = join(repoRoot, 'infra', 'scripts', 'create-sql-user.sql');

const CLIENT_ID = '0b6f3a52-1c7e-4d8a-9f21-3e5b7c9d1a24';
const REFUSED_IP = '203.0.113.7';

/** `sqlcmd` stand-in: refuses the first connection like Azure SQL's firewall, then succeeds. */
const fakeSqlcmd = `#!/usr/bin/env bash
echo "sqlcmd $*" >> "$FAKE_LOG"
if [[ "$1" == "--help" ]]; then echo "  --authentication-method string"; exit 0; fi
if [[ "$*" == *"--query"* && ! -f "$FAKE_DIR/firewall-open" ]]; then
  echo "Mssql, Level 14: Cannot open server 'sql-x' requested by the login. Client with IP address '${REFUSED_IP}' is not allowed to access the server." >&2
  exit 1
fi
exit 0
`;

/** `az` stand-in: records the call; creating the firewall rule "opens" the firewall for the fake sqlcmd. */
const fakeAz = `#!/usr/bin/env bash
echo "az $*" >> "$FAKE_LOG"
if [[ "$*" == *"firewall-rule create"* ]]; then touch "$FAKE_DIR/firewall-open"; fi
exit 0
`;

/** `sqlcmd` stand-in for the ODBC sqlcmd, which has no --authentication-method. */
const odbcSqlcmd = `#!/usr/bin/env bash
echo "usage: sqlcmd [-U login id] [-P password] [-G use Azure Active Directory]"
exit 0
`;

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'create-sql-user-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function writeTool(name: string, body: string): void {
  const path = join(dir, name);
  writeFileSync(path, body);
  chmodSync(path, 0o755);
}

function runScript(overrides: Record<string, string | undefined> = {}) {
  const env: Record<string, string> = {
    PATH: `${dir}:/usr/bin:/bin`,
    HOME: dir,
    FAKE_LOG: join(dir, 'calls.log'),
    FAKE_DIR: dir,
    SQL_RETRY_DELAY_SECONDS: '0',
    EXPORT_SQL_SERVER: 'sql-export-abc.database.windows.net',
    EXPORT_SQL_DATABASE: 'sqldb-export',
    AZURE_APP_IDENTITY_NAME: 'id-export-abc',
    AZURE_APP_IDENTITY_CLIENT_ID: CLIENT_ID,
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
    // no tool was called
  }
  return { status: run.status, output: run.stdout + run.stderr, calls };
}

describe('infra/scripts/create-sql-user.sh', () => {
  it('opens the firewall for the refused address, runs the T-SQL as the identity, then closes it', () => {
    writeTool('sqlcmd', fakeSqlcmd);
    writeTool('az', fakeAz);

    const { status, output, calls } = runScript();

    expect(status, output).toBe(0);
    const rule = `azd-postprovision-${REFUSED_IP.replaceAll('.', '-')}`;
    const create = calls.find((c) => c.includes('firewall-rule create'));
    expect(create).toContain(`--start-ip-address ${REFUSED_IP} --end-ip-address ${REFUSED_IP}`);
    expect(create).toContain(`--name ${rule}`);
    const apply = calls.find((c) => c.includes('--input-file'));
    expect(apply).toContain(`--input-file ${sqlFile}`);
    expect(apply).toContain('--server tcp:sql-export-abc.database.windows.net,1433');
    expect(apply).toContain('--database-name sqldb-export');
    expect(apply).toContain('--authentication-method ActiveDirectoryDefault');
    expect(apply).toContain('--variables APP_IDENTITY_NAME=id-export-abc');
    expect(apply).toContain(`--variables APP_IDENTITY_CLIENT_ID=${CLIENT_ID}`);
    // The rule is removed after the T-SQL ran.
    const deleteIndex = calls.findIndex((c) => c.includes('firewall-rule delete') && c.includes(rule));
    expect(deleteIndex).toBeGreaterThan(calls.indexOf(apply!));
  });

  it('touches no firewall when the server accepts the connection', () => {
    writeTool('sqlcmd', fakeSqlcmd);
    writeTool('az', fakeAz);
    writeFileSync(join(dir, 'firewall-open'), '');

    const { status, output, calls } = runScript({ SQLCMD_AUTH_METHOD: 'ActiveDirectoryAzureDeveloperCli' });

    expect(status, output).toBe(0);
    expect(calls.filter((c) => c.startsWith('az '))).toEqual([]);
    expect(calls.find((c) => c.includes('--input-file'))).toContain(
      '--authentication-method ActiveDirectoryAzureDeveloperCli',
    );
  });

  it('refuses the ODBC sqlcmd, which cannot use an Entra sign-in here', () => {
    writeTool('sqlcmd', odbcSqlcmd);

    const { status, output } = runScript();

    expect(status).toBe(1);
    expect(output).toContain('go-sqlcmd is required');
  });

  it('refuses values that are not what Azure produces', () => {
    writeTool('sqlcmd', fakeSqlcmd);

    const badId = runScript({ AZURE_APP_IDENTITY_CLIENT_ID: "x'; DROP TABLE jobs; --" });
    expect(badId.status).toBe(1);
    expect(badId.output).toContain('is not a GUID');

    const badName = runScript({ AZURE_APP_IDENTITY_NAME: "id'x" });
    expect(badName.status).toBe(1);
    expect(badName.calls.filter((c) => c.includes('--input-file'))).toEqual([]);
  });

  it('names the missing setting when run outside azd', () => {
    const { status, output } = runScript({ EXPORT_SQL_SERVER: undefined });

    expect(status).not.toBe(0);
    expect(output).toContain('EXPORT_SQL_SERVER');
  });

  it('ships T-SQL that takes its values only from the two sqlcmd variables', () => {
    const sql = readFileSync(sqlFile, 'utf8');
    const variables = new Set([...sql.matchAll(/\$\((\w+)\)/g)].map((m) => m[1]));
    expect(variables).toEqual(new Set(['APP_IDENTITY_NAME', 'APP_IDENTITY_CLIENT_ID']));
    for (const role of ['db_datareader', 'db_datawriter']) expect(sql).toContain(role);
  });

  it('grants read/write only, and takes DDL rights back from users made by earlier versions', () => {
    const sql = readFileSync(sqlFile, 'utf8');
    const granted = /FOR\s+SELECT role_name FROM \(VALUES ([^)]*(?:\)[^)]*)*?)\) AS r\(role_name\);\s*OPEN roles;/.exec(sql)?.[1] ?? '';
    expect(granted).toContain("N'db_datareader'");
    expect(granted).toContain("N'db_datawriter'");
    expect(granted).not.toMatch(/ddladmin|db_owner/);
    expect(sql).toMatch(/VALUES \(N'db_ddladmin'\), \(N'db_owner'\)[^;]*;\s*OPEN revoke_roles;/);
    expect(sql).toContain("N' DROP MEMBER '");
  });
});
