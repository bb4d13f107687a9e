import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import autocannon, { type Result } from 'autocannon';
import { signHs256 } from '../shared/adapters/auth/hs256.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { LOCAL_DEV_SECRET } from '../local/localEnv.js';
import { percentile, progressBar } from './report.js';

/** Distinct callers the load is spread over: 20 organizations × 10 users (see README Performance). */
const ORGS = Array.from({ length: 20 }, () => randomUUID());
const USERS_PER_ORG = 10;

export interface HttpFigures {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly non2xx: number;
  readonly errors: number;
}

export interface ApiResults {
  readonly pickup: { readonly jobs: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly getIdle: HttpFigures;
  readonly getDuringExport: HttpFigures & { readonly exportRows: number; readonly exportStillRunning: boolean };
  readonly creates: HttpFigures;
}

interface Host {
  readonly base: string;
  stop(): Promise<void>;
}

/** The local host (`dist/local/main.js`: API and export worker in ONE process) on the bench database. */
async function startHost(env: NodeJS.ProcessEnv, profileDir: string | undefined): Promise<Host> {
  // `--cpu-prof` writes the host's CPU profile when it exits (SIGTERM stops it cleanly).
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child: ChildProcess = spawn(process.execPath, [...profile, join(__dirname, '..', 'local', 'main.js')], {
    env: {
      ...env,
      PORT: '0',
      // The API targets are about the request path, not issue 9's limits: the creates are spread over
      // 200 callers, and the per-user rate and active-job quotas are raised so none answers 429.
      EXPORT_CREATE_RATE_PER_MINUTE: '1000000',
      EXPORT_MAX_ACTIVE_JOBS_PER_USER: '1000000',
      EXPORT_MAX_ACTIVE_JOBS_PER_ORG: '1000000',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (b: Buffer) => {
      if (out.length < 100_000) out += b.toString();
      const m = /ready at (http:\/\/127\.0\.0\.1:\d+\/api)/.exec(out);
      if (m) resolve(m[1] as string);
    });
    child.once('exit', (code) => reject(new Error(`the local host exited with ${code}`)));
  });
  return {
    base,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

const token = (org: string, sub: string, role: 'Admin' | 'Manager' = 'Manager') =>
  signHs256(
    { sub, org, roles: [role] },
    { secret: LOCAL_DEV_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date(), ttlSeconds: 3600 },
  );

/** Every (organization, user) pair of the spread load, with a token. */
const callers = ORGS.flatMap((org) =>
  Array.from({ length: USERS_PER_ORG }, (_, i) => ({
    org,
    headers: { authorization: `Bearer ${token(org, `bench-user-${i}`)}` },
  })),
);
/** A small export of an organization without data: the job is real, its file one header line. */
const smallExport = JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-01' } });
const json = { 'content-type': 'application/json' };

async function create(base: string, headers: Record<string, string>, body = smallExport): Promise<{ id: string }> {
  const response = await fetch(`${base}/export-jobs`, { method: 'POST', headers: { ...headers, ...json }, body });
  if (response.status !== 202) throw new Error(`create answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as { id: string };
}

async function job(base: string, headers: Record<string, string>, id: string) {
  const response = await fetch(`${base}/export-jobs/${id}`, { headers });
  return (await response.json()) as { status: string; createdAt: string; startedAt: string | null; rowsWritten?: number };
}

const figures = (r: Result): HttpFigures => ({
  requestsPerSecond: Math.round(r.requests.average),
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  non2xx: r.non2xx,
  errors: r.errors + r.timeouts,
});

/**
 * Pickup latency, then HTTP throughput and latency of status GETs idle and while a large export
 * runs in the same host, then creates. Status GETs and creates are spread round-robin over 200
 * callers (20 organizations × 10 users), so per-user or per-organization limits do not decide
 * the figures.
 */
export async function apiBench(env: NodeJS.ProcessEnv, rows: number, seconds: number, profileDir?: string): Promise<ApiResults> {
  const host = await startHost(env, profileDir);
  try {
    const { base } = host;
    // 1. Pickup: 200 jobs created one after another (20 ms apart); server-side createdAt → startedAt.
    const ids: { id: string; headers: Record<string, string> }[] = [];
    const bar = progressBar('pickup: 200 jobs', 200);
    for (let i = 0; i < 200; i++) {
      const caller = callers[i % callers.length] as (typeof callers)[number];
      ids.push({ id: (await create(base, caller.headers)).id, headers: caller.headers });
      bar.update(i + 1);
      await new Promise((r) => setTimeout(r, 20));
    }
    const pickups: number[] = [];
    for (const { id, headers } of ids) {
      let j = await job(base, headers, id);
      for (let tries = 0; !j.startedAt && tries < 100; tries++) {
        await new Promise((r) => setTimeout(r, 50));
        j = await job(base, headers, id);
      }
      if (j.startedAt) pickups.push(Date.parse(j.startedAt) - Date.parse(j.createdAt));
    }
    bar.done();

    // 2. Status GETs, idle: each of 200 callers polls its own job.
    const gets = ids.map(({ id, headers }) => ({ method: 'GET', path: `/api/export-jobs/${id}`, headers }));
    const origin = base.replace(/\/api$/, '');
    const idle = await autocannon({ url: origin, connections: 20, duration: seconds, requests: gets });

    // 3. The same GETs while a large CSV export runs in this host.
    const acme = { authorization: `Bearer ${token(DEMO_ORGS[0].id, 'bench-admin', 'Admin')}` };
    const big = await create(
      base,
      acme,
      JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } }),
    );
    for (let j = await job(base, acme, big.id); j.status === 'Pending'; j = await job(base, acme, big.id)) {
      await new Promise((r) => setTimeout(r, 10));
    }
    const busy = await autocannon({ url: origin, connections: 20, duration: seconds, requests: gets });
    const after = await job(base, acme, big.id);

    // 4. Creates, spread over the 200 callers (each makes a small real export the host then runs).
    const posts = callers.map(({ headers }) => ({
      method: 'POST',
      path: '/api/export-jobs',
      headers: { ...headers, ...json },
      body: smallExport,
    }));
    const creates = await autocannon({ url: origin, connections: 20, duration: Math.min(seconds, 5), requests: posts });

    return {
      pickup: { jobs: pickups.length, p50Ms: percentile(pickups, 50), p99Ms: percentile(pickups, 99) },
      getIdle: figures(idle),
      getDuringExport: {
        ...figures(busy),
        exportRows: rows,
        exportStillRunning: after.status === 'Processing',
      },
      creates: figures(creates),
    };
  } finally {
    await host.stop();
  }
}
