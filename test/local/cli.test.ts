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
      expect(bad.stderr).toMatch(/usage: npm run -s token -- --org/);
    }
  });

  it('token --help prints usage (no stack trace), and an unknown option is a usage error', () => {
    const help = spawnSync(process.execPath, [join(dist, 'token-cli.js'), '--help'], { env: bareEnv, encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run -s token -- --org <organization GUID> --role/);
    expect(help.stderr).toBe('');
    const bogus = spawnSync(process.execPath, [join(dist, 'token-cli.js'), '--bogus'], { env: bareEnv, encoding: 'utf8' });
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toMatch(/Unknown option '--bogus'/);
    expect(bogus.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('npm run -s token starts the compiled CLI without building when dist/ is fresh', () => {
    // The launcher npm runs (package.json "token"): it builds only when a source is newer than dist/.
    const started = process.hrtime.bigint();
    const r = spawnSync(
      process.execPath,
      [
        join(__dirname, '..', '..', 'local', 'bin', 'run.js'),
        'token-cli',
        '--org',
        '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
        '--role',
        'Admin',
      ],
      {
        env: bareEnv,
        encoding: 'utf8',
      },
    );
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).not.toMatch(/building/);
    expect(r.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    console.log(`token via local/bin/run.js: ${Math.round(ms)} ms (node start included; npm adds ≈ 0.25 s)`);
  });

  it('seed re-seeds the embedded database with nothing but its path configured', () => {
    const dir = mkdtempSync(join(tmpdir(), 'seed-cli-'));
    try {
      const db = join(dir, 'export.db');
      const env = { ...bareEnv, EXPORT_SQLITE_PATH: db, SEED_USERS: '7', SEED_SESSIONS: '30' };
      const first = spawnSync(process.execPath, [join(dist, 'seed-cli.js')], { env, encoding: 'utf8' });
      expect(first.status, first.stderr).toBe(0);
      // The progress bar goes to stderr (stdout keeps the one summary line).
      expect(first.stderr).toMatch(/seeding sessions 60 sessions/);
      expect(first.stdout).toMatch(/^seeded .*: 2 organizations × 7 users, 30 sessions in \d+ ms\n$/);
      execFileSync(process.execPath, [join(dist, 'seed-cli.js')], { env, encoding: 'utf8' }); // again: replaces, not adds
      expect(execFileSync(process.execPath, [join(dist, 'seed-cli.js'), '--help'], { env, encoding: 'utf8' })).toMatch(
        /^usage: /,
      );
      const sqlite = new Database(db, { readonly: true });
      const count = (t: string) => (sqlite.prepare(`select count(*) n from ${t}`).get() as { n: number }).n;
      expect([count('organizations'), count('users'), count('sessions')]).toEqual([2, 14, 60]);
      sqlite.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
