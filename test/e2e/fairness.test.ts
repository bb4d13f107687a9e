import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { ACME, GLOBEX, TEST_SECRET } from '../support/testServices.js';

/**
 * Fair scheduling across tenants, end to end: the local host (two exports at a time, the
 * in-process queue) gets six large exports from Acme, then one small one from Globex. Globex's
 * export must not wait behind Acme's backlog: it completes before Acme's third.
 */
const MAIN = join(resolve(__dirname, '..', '..'), 'dist', 'local', 'main.js');
let host: ChildProcess;
let base: string;
let dir: string;
let output = '';

const token = (org: string, sub: string) =>
  signHs256(
    { sub, org, roles: ['Admin'] },
    { secret: TEST_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
  );
const acme = token(ACME, 'acme-bulk');
const globex = token(GLOBEX, 'globex-small');

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'export-fair-'));
  host = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      EXPORT_SQLITE_PATH: join(dir, 'export.db'),
      EXPORT_AUTH_HS256_SECRET: TEST_SECRET,
      SEED_USERS: '50',
      SEED_SESSIONS: '8000',
      // Small pages make each large export take a while (many round trips), as a real one would.
      EXPORT_PAGE_SIZE: '50',
      EXPORT_LOCAL_QUEUE_CONCURRENCY: '2',
      EXPORT_MAX_ACTIVE_JOBS_PER_USER: '10',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  host.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const ready = await waitFor(
    'ready line',
    async () => /ready at (http:\/\/127\.0\.0\.1:\d+)\/api/.exec(output) ?? undefined,
    90_000,
  );
  base = `${ready[1]}/api`;
}, 120_000);

afterAll(() => {
  if (host && host.exitCode === null) host.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

const create = async (tok: string, body: object): Promise<string> => {
  const r = await fetch(`${base}/export-jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(202);
  return ((await r.json()) as { id: string }).id;
};
const job = async (tok: string, id: string) =>
  (await (await fetch(`${base}/export-jobs/${id}`, { headers: { authorization: `Bearer ${tok}` } })).json()) as {
    status: string;
    startedAt: string | null;
    completedAt: string | null;
  };

describe('fair scheduling across organizations (local host, two exports at a time)', () => {
  it('organization A queues 6 large exports, then B’s small export completes before A’s third', async () => {
    const large = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
    const a: string[] = [];
    for (let i = 0; i < 6; i++) a.push(await create(acme, large));
    const b = await create(globex, { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-01' } });
    const done = await waitFor(
      'every job Completed',
      async () => {
        const all = await Promise.all([...a.map((id) => job(acme, id)), job(globex, b)]);
        return all.every((j) => j.status === 'Completed') ? all : undefined;
      },
      120_000,
    );
    const aJobs = done.slice(0, 6);
    const bJob = done[6]!;
    const third = aJobs[2]!;
    expect(bJob.completedAt! < third.completedAt!, `B ${bJob.completedAt} vs A3 ${third.completedAt}`).toBe(true);
    expect(bJob.startedAt! <= third.startedAt!, `B started ${bJob.startedAt} vs A3 ${third.startedAt}`).toBe(true);
    // A's exports were really running when B arrived: A's first started before B was even created.
    expect(aJobs[0]!.completedAt! > bJob.startedAt! || aJobs[1]!.completedAt! > bJob.startedAt!).toBe(true);
  }, 150_000);
});
