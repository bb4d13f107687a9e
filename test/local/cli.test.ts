import { systemClock } from '../../shared/adapters/systemClock.js';
import { describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { hs256Verifier } from '../../shared/adapters/auth/hs256.js';
import { LOCAL_DEV_SECRET } from '../../local/localEnv.js';

const dist = resolve(__dirname, '..', '..', 'dist', 'local');
// Only the variables a developer's shell would have: no blob or queue settings.
const bareEnv = { PATH: process.env.PATH ?? '' };

describe('local CLIs (compiled, as `npm run` runs them)', () => {
  it('token prints exactly one token that the local host accepts', async () => {
    if (!existsSync(join(dist, 'token-cli.js'))) throw new Error('dist/ is missing: run `npm run build` first');
    const out = execFileSync(
      process.execPath,
      [join(dist, 'token-cli.js'), '--org', '3f2504e0-4f89-41d3-9a0c-0305e82c3301', '--role', 'Manager', '--sub', 'bob'],
      {
        env: bareEnv,
        encoding: 'utf8',
      },
    );
    expect(out.split('\n')).toEqual([expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/), '']);
    const verifier = hs256Verifier({
      secret: LOCAL_DEV_SECRET,
      issuer: 'portal-export-local',
      audience: 'portal-export',
      clock: systemClock,
    });
    expect(await verifier.verify(`Bearer ${out.trim()}`)).toEqual({
      userId: 'bob',
      organizationId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      roles: ['Manager'],
    });
  });

  it('token mints a role outside the three (the service keeps no role from it), and needs --org and --role', async () => {
    const org = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
    const r = spawnSync(process.execPath, [join(dist, 'token-cli.js'), '--org', org, '--role', 'Reader'], {
      env: bareEnv,
      encoding: 'utf8',
    });
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/Reader is not a role the service knows/);
    const verifier = hs256Verifier({
      secret: LOCAL_DEV_SECRET,
      issuer: 'portal-export-local',
      audience: 'portal-export',
      clock: systemClock,
    });
    expect(await verifier.verify(`Bearer ${r.stdout.trim()}`)).toMatchObject({ organizationId: org, roles: [] });
    for (const args of [
      ['--org', org],
      ['--role', 'Admin'],
    ]) {
      const bad = spawnSync(process.execPath, [join(dist, 'token-cli.js'), ...args], { env: bareEnv, encoding: 'utf8' });
      expect(bad.status).toBe(2);
      expect(bad.stdout).toBe('');
      expect(bad.stderr).toMatch(/usage: token/);
    }
  });

  it('seed re-seeds the embedded database with nothing but its path configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));
    try {
      const db = join(dir, 'export.db');
      const env = { ...bareEnv, EXPORT_SQLITE_PATH: db, SEED_USERS: '7', SEED_SESSIONS: '30' };
      execFileSync(process.execPath, [join(dist, 'seed-cli.js')], { env, encoding: 'utf8' });
      execFileSync(process.execPath, [join(dist, 'seed-cli.js')], { env, encoding: 'utf8' }); // again: replaces, not adds
      const sqlite = new Database(db, { readonly: true });
      const count = (t: string) => (sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
      expect([count('organizations'), count('users'), count('sessions')]).toEqual([2, 14, 60]);
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
