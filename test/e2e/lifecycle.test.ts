import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import Papa from 'papaparse';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { datasets } from '../../shared/domain/datasets.js';
import { ACME, TEST_SECRET } from '../support/testServices.js';

/**
 * The whole lifecycle through the real local host, as a separate process, over real HTTP:
 * create → Completed → download → every row checked against the database → purge → Expired → 410.
 */
const ROOT = resolve(__dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'local', 'main.js');

let host: ChildProcess;
let base: string;
let azuritePort: number;
let dir: string;
let output = '';

const token = signHs256(
  { sub: 'e2e-admin', org: ACME, roles: ['Admin'] },
  { secret: TEST_SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
);
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const listening = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), ok(true)));
    s.once('error', () => ok(false));
  });

beforeAll(async () => {
  if (!existsSync(MAIN)) throw new Error('dist/local/main.js is missing: run `npm run build` first (npm test does)');
  dir = mkdtempSync(join(tmpdir(), 'export-e2e-'));
  host = spawn(process.execPath, [MAIN], {
    cwd: dir,
    env: {
      ...process.env,
      PORT: '0',
      EXPORT_SQLITE_PATH: join(dir, 'export.db'),
      EXPORT_AUTH_HS256_SECRET: TEST_SECRET,
      EXPORT_PURGE_INTERVAL_SECONDS: '0.5',
      // 4 seconds of life, so the purge is observable in the test.
      EXPORT_FILE_TTL_HOURS: String(4 / 3600),
      SEED_USERS: '60',
      SEED_SESSIONS: '3000',
      EXPORT_CORS_ORIGINS: 'http://localhost:4200',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  host.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  host.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const ready = await waitFor(
    'ready line',
    async () =>
      /ready at (http:\/\/127\.0\.0\.1:\d+)\/api \(blob storage: Azurite on 127\.0\.0\.1:(\d+)/.exec(output) ?? undefined,
    60_000,
  );
  base = `${ready[1]}/api`;
  azuritePort = Number(ready[2]);
}, 90_000);

afterAll(async () => {
  if (host && host.exitCode === null) {
    host.kill('SIGKILL');
  }
  rmSync(dir, { recursive: true, force: true });
});

describe('export lifecycle over HTTP (local host process)', () => {
  it('creates, completes, downloads with every row matching the database, then purges', async () => {
    const created = await api('/export-jobs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-02-01', to: '2026-03-15' } }),
    });
    expect(created.status).toBe(202);
    const job = (await created.json()) as { id: string; status: string };
    expect(created.headers.get('location')).toBe(`/api/export-jobs/${job.id}`);

    // The 202 shows the job before it finished (the worker may already have claimed it).
    expect(['Pending', 'Processing']).toContain(job.status);
    const order = ['Pending', 'Processing', 'Completed'];
    const polled: string[] = [];
    const done = await waitFor('Completed', async () => {
      const j = (await (await api(`/export-jobs/${job.id}`)).json()) as Record<string, any>;
      polled.push(j.status);
      return j.status === 'Completed' ? j : undefined;
    });
    // Every status polled is on the way to Completed, and the job never went back.
    const ranks = [job.status, ...polled].map((s) => order.indexOf(s));
    expect(
      ranks.every((r) => r >= 0),
      polled.join(' → '),
    ).toBe(true);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    expect(done.rowCount).toBeGreaterThan(0);
    expect(done.progress.rowsWritten).toBe(done.rowCount);
    expect(done.downloadUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/.*sp=r/);

    const dl = await api(`/export-jobs/${job.id}/download`);
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(dl.headers.get('content-disposition')).toBe('attachment; filename="sessions_2026-02-01_2026-03-15.csv"');
    const bytes = Buffer.from(await dl.arrayBuffer());
    expect(bytes.length).toBe(done.sizeBytes);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(done.sha256);

    // The SAS URL serves the same bytes, read-only.
    const viaSas = Buffer.from(await (await fetch(done.downloadUrl as string)).arrayBuffer());
    expect(viaSas.equals(bytes)).toBe(true);
    expect((await fetch(done.downloadUrl as string, { method: 'DELETE' })).status).toBe(403);

    // Every row against the database, in order.
    const text = bytes.toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<string[]>(text.slice(1), { newline: '\r\n', skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    expect(header).toEqual(datasets.sessions.columns.map((c) => c.header));
    const db = new Database(join(dir, 'export.db'), { readonly: true });
    const expected = db
      .prepare(
        `select s.id, s.user_id, u.email, s.started_at, s.ended_at, s.duration_seconds, s.page_views, s.bounced, s.device, s.browser, s.country, s.entry_page
         from sessions s left join users u on u.id = s.user_id
         where s.organization_id = ? and s.started_at >= '2026-02-01T00:00:00.000Z' and s.started_at < '2026-03-16T00:00:00.000Z'
         order by s.started_at, s.id`,
      )
      .raw()
      .all(ACME) as unknown[][];
    db.close();
    expect(rows).toHaveLength(expected.length);
    expect(done.rowCount).toBe(expected.length);
    const unformula = (s: string) => (/^'[=+\-@\t\r\n]/.test(s) ? s.slice(1) : s);
    rows.forEach((r, i) => {
      const e = expected[i] as unknown[];
      const want = e.map((v, k) => (v === null ? '' : k === 7 ? String(Boolean(v)) : String(v)));
      expect(r.map(unformula), `row ${i}`).toEqual(want);
    });

    // Purge: after the (shortened) lifetime the file is gone and the job Expired.
    const expired = await waitFor('Expired', async () => {
      const j = (await (await api(`/export-jobs/${job.id}`)).json()) as Record<string, any>;
      return j.status === 'Expired' ? j : undefined;
    });
    expect(expired.downloadUrl).toBeUndefined();
    const gone = await api(`/export-jobs/${job.id}/download`);
    expect(gone.status).toBe(410);
    expect(gone.headers.get('content-type')).toBe('application/problem+json');
    // The old SAS URL is dead too: it never outlives expiresAt (403), and the blob is gone.
    expect([403, 404]).toContain((await fetch(done.downloadUrl as string)).status);
  }, 60_000);

  it('answers unknown routes and methods with problem+json', async () => {
    const r1 = await api('/nope');
    expect(r1.status).toBe(404);
    expect(r1.headers.get('content-type')).toBe('application/problem+json');
    const r2 = await api('/export-jobs', { method: 'PUT' });
    expect(r2.status).toBe(405);
    expect(r2.headers.get('allow')).toBe('POST, GET, OPTIONS');
  });

  it('answers the portal’s CORS preflight from EXPORT_CORS_ORIGINS, and no other origin', async () => {
    const preflight = (origin: string) =>
      fetch(`${base}/export-jobs`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      });
    const ok = await preflight('http://localhost:4200');
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe('http://localhost:4200');
    expect(ok.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    // A malformed path is the client's mistake, never a 500.
    const bad = await api('/export-jobs/%E0%A4%A');
    expect(bad.status).toBe(400);
    expect(bad.headers.get('x-request-id')).toBeTruthy();
  });

  it('stops on SIGTERM, Azurite included, leaving no process behind', async () => {
    expect(await listening(azuritePort)).toBe(true);
    const exited = new Promise<number | null>((ok) => host.once('exit', (code) => ok(code)));
    host.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await listening(azuritePort)).toBe(false);
  }, 20_000);
});
