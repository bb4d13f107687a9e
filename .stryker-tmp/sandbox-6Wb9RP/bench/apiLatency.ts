// @ts-nocheck
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { signHs256 } from '../shared/adapters/auth/hs256.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { LOCAL_DEV_SECRET } from '../local/localEnv.js';

/**
 * `node dist/bench/apiLatency.js [--rows 200000]`: starts the local host (API + worker in ONE
 * process, the embedded worst case), starts a large CSV export, and measures API latency while it
 * runs: POST (create) and GET (poll) round trips over real HTTP.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({ options: { rows: { type: 'string', default: '200000' } } });
  const dir = mkdtempSync(join(tmpdir(), 'api-latency-'));
  const host = spawn(process.execPath, [join(__dirname, '..', 'local', 'main.js')], {
    env: {
      ...process.env,
      PORT: '0',
      EXPORT_SQLITE_PATH: join(dir, 'export.db'),
      SEED_SESSIONS: values.rows,
      SEED_USERS: '2000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    host.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    host.once('exit', (c) => reject(new Error(`host exited ${c}`)));
  });
  const token = signHs256(
    { sub: 'bench', org: DEMO_ORGS[0].id, roles: ['Admin'] },
    { secret: LOCAL_DEV_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
  );
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
  const timed = async (f: () => Promise<Response>) => {
    const t = performance.now();
    const r = await f();
    await r.arrayBuffer();
    return { ms: performance.now() - t, status: r.status };
  };
  const body = JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } });
  const idle: number[] = [];
  for (let i = 0; i < 50; i++) idle.push((await timed(() => fetch(`${base}/export-jobs?limit=5`, { headers }))).ms);
  const post = await fetch(`${base}/export-jobs`, { method: 'POST', headers, body });
  const { id } = (await post.json()) as { id: string };
  const busy: number[] = [];
  const creates: number[] = [];
  let status = 'Pending';
  const started = performance.now();
  while (status !== 'Completed' && status !== 'Failed' && performance.now() - started < 300_000) {
    const r = await timed(() => fetch(`${base}/export-jobs/${id}`, { headers }));
    busy.push(r.ms);
    status = ((await (await fetch(`${base}/export-jobs/${id}`, { headers })).json()) as { status: string }).status;
    if (busy.length % 10 === 0)
      creates.push((await timed(() => fetch(`${base}/export-jobs`, { method: 'POST', headers, body }))).ms);
    await new Promise((r) => setTimeout(r, 20));
  }
  host.kill('SIGTERM');
  await new Promise((r) => host.once('exit', r));
  rmSync(dir, { recursive: true, force: true });
  const pct = (xs: number[], p: number) =>
    [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;
  const summary = (xs: number[]) => ({
    n: xs.length,
    p50: +pct(xs, 50).toFixed(1),
    p99: +pct(xs, 99).toFixed(1),
    max: +Math.max(...xs).toFixed(1),
  });
  process.stdout.write(
    JSON.stringify({
      rows: Number(values.rows),
      exportStatus: status,
      exportSeconds: +((performance.now() - started) / 1000).toFixed(1),
      getIdleMs: summary(idle),
      getDuringExportMs: summary(busy),
      postDuringExportMs: summary(creates),
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
