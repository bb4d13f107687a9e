import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import type { Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import { serveHttp } from '../../local/functionHost.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { ACME, testEnv, type TestEnv } from '../support/testServices.js';

/**
 * The local host over real sockets, on a real SQLite file and Azurite: what a hostile or careless
 * client meets — malformed paths, wrong methods, oversized or slow requests, CORS — and the
 * download's HEAD, Range, ETag and redirect.
 */
const PORTAL = 'http://localhost:4200';
/** Between the CSV below (≈ 120 KB) and the JSON of the same rows (≈ 200 KB). */
const REDIRECT_ABOVE = 160_000;
let env: TestEnv;
let server: Server;
let base: string;
let admin: string;
let completed: { id: string; sizeBytes: number; sha256: string };

beforeAll(async () => {
  env = await testEnv({ env: { EXPORT_DOWNLOAD_REDIRECT_BYTES: String(REDIRECT_ABOVE) } });
  server = serveHttp(
    functionDefinitions,
    async () => env.services,
    () => undefined,
    {
      corsOrigins: [PORTAL],
      limits: { bodyTimeoutMs: 1000, headersTimeoutMs: 1500 },
    },
  );
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  admin = env.token(ACME, 'Admin', 'host-admin');
  const created = await fetch(`${base}/export-jobs`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
    body: JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } }),
  });
  const id = ((await created.json()) as { id: string }).id;
  await processExport(env.services, { jobId: id, attempt: 1 }, silentLogger);
  completed = (await (
    await fetch(`${base}/export-jobs/${id}`, { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as typeof completed;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
  await env.cleanup();
});

const auth = () => ({ authorization: `Bearer ${admin}` });
const everyResponseHeaders = (r: Response) => {
  expect(r.headers.get('x-request-id')).toMatch(/^[A-Za-z0-9._:-]+$/);
  expect(r.headers.get('cache-control')).toMatch(/no-store/);
  expect(r.headers.get('x-content-type-options')).toBe('nosniff');
};

/** A raw HTTP exchange, for what fetch will not send. */
function raw(lines: string, o: { keepOpenMs?: number } = {}): Promise<{ status: number; text: string; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const { port } = server.address() as AddressInfo;
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (b) => (text += b.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () =>
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1] ?? 0), text, ms: Date.now() - started }),
    );
    socket.write(lines);
    if (o.keepOpenMs === undefined) socket.end();
    else setTimeout(() => socket.end(), o.keepOpenMs);
  });
}

describe('local host hygiene', () => {
  it('answers a malformed percent-encoding with 400, never 500; unknown routes with 404; both as problems with the request id', async () => {
    for (const path of ['/export-jobs/%E0%A4%A', '/export-jobs/%E0%A4%A/download', '/dataexport/%']) {
      const r = await fetch(`${base}${path}`, { headers: auth() });
      expect([400, 404], path).toContain(r.status);
      everyResponseHeaders(r);
      const body = (await r.json()) as { requestId: string; status: number };
      expect(body.requestId).toBe(r.headers.get('x-request-id'));
    }
    expect((await fetch(`${base}/export-jobs/%E0%A4%A`, { headers: auth() })).status).toBe(400);
    const missing = await fetch(`${base}/no/such/thing`);
    expect(missing.status).toBe(404);
    everyResponseHeaders(missing);
  });

  it('keeps a well-formed client request id and replaces an ill-formed one', async () => {
    const kept = await fetch(`${base}/export-jobs`, { headers: { ...auth(), 'x-request-id': 'portal-7f3a.1' } });
    expect(kept.headers.get('x-request-id')).toBe('portal-7f3a.1');
    const replaced = await fetch(`${base}/export-jobs`, { headers: { ...auth(), 'x-request-id': 'bad id <script>' } });
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers a wrong method with 405 and Allow, OPTIONS with 204 and Allow', async () => {
    const put = await fetch(`${base}/export-jobs/${completed.id}`, { method: 'PUT', headers: auth() });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, DELETE, OPTIONS');
    expect(put.headers.get('content-type')).toBe('application/problem+json');
    everyResponseHeaders(put);
    const post = await fetch(`${base}/export-jobs/${completed.id}/download`, { method: 'POST', headers: auth() });
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
    const options = await fetch(`${base}/export-jobs`, { method: 'OPTIONS' });
    expect([options.status, options.headers.get('allow')]).toEqual([204, 'POST, GET, OPTIONS']);
  });

  it('refuses an unauthenticated body before reading it: 401 at once and the connection closed', async () => {
    // Declares 60 KB and sends none of it: the host must not wait for it.
    const r = await raw(
      `POST /api/export-jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 60000\r\n\r\n`,
      {
        keepOpenMs: 5000,
      },
    );
    expect(r.status).toBe(401);
    expect(r.ms).toBeLessThan(1500);
    expect(r.text.toLowerCase()).toContain('connection: close');
  });

  it('bounds the body (413 before reading it), the headers (431) and the time a slow body may take (408)', async () => {
    const big = await raw(
      `POST /api/export-jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json\r\nContent-Length: 10000000\r\n\r\n`,
      { keepOpenMs: 3000 },
    );
    expect(big.status).toBe(413);
    expect(big.ms).toBeLessThan(1500);
    const headers = await raw(`GET /api/export-jobs HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20 * 1024)}\r\n\r\n`);
    expect(headers.status).toBe(431);
    const slow = await raw(
      `POST /api/export-jobs HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${admin}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"dataType":`,
      { keepOpenMs: 6000 },
    );
    expect(slow.status).toBe(408);
    expect(slow.ms).toBeLessThan(5000);
  });
});

describe('CORS for the portal (a real preflight)', () => {
  it('answers the allowed origin’s preflight with the methods and headers it may use', async () => {
    const r = await fetch(`${base}/export-jobs`, {
      method: 'OPTIONS',
      headers: {
        origin: PORTAL,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type, idempotency-key',
      },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(r.headers.get('access-control-allow-methods')).toBe('POST, GET, OPTIONS');
    expect(r.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
    expect(r.headers.get('vary')).toBe('Origin');
  });

  it('exposes Location, Retry-After, RateLimit-*, the request id and Content-Disposition to the allowed origin only', async () => {
    const ok = await fetch(`${base}/export-jobs`, { headers: { ...auth(), origin: PORTAL } });
    expect(ok.headers.get('access-control-allow-origin')).toBe(PORTAL);
    const exposed = (ok.headers.get('access-control-expose-headers') ?? '').split(', ');
    expect(exposed).toEqual(
      expect.arrayContaining(['Location', 'Retry-After', 'RateLimit-Remaining', 'X-Request-Id', 'Content-Disposition']),
    );
    for (const origin of ['https://evil.example', 'http://localhost:4201', 'null']) {
      const other = await fetch(`${base}/export-jobs`, { headers: { ...auth(), origin } });
      expect(other.headers.get('access-control-allow-origin'), origin).toBeNull();
      const preflight = await fetch(`${base}/export-jobs`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
      expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
      expect(preflight.headers.get('access-control-allow-methods')).toBeNull();
    }
  });
});

describe('downloads: HEAD, one Range, ETag, and a redirect for large files', () => {
  const url = () => `${base}/export-jobs/${completed.id}/download`;
  const whole = async () => Buffer.from(await (await fetch(url(), { headers: auth() })).arrayBuffer());

  it('HEAD says what GET would send, without a body', async () => {
    const head = await fetch(url(), { method: 'HEAD', headers: auth() });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(completed.sizeBytes));
    expect(head.headers.get('accept-ranges')).toBe('bytes');
    expect(head.headers.get('etag')).toBe(`"${completed.sha256}"`);
    expect(head.headers.get('content-disposition')).toMatch(/^attachment; filename="sessions_/);
    expect((await head.arrayBuffer()).byteLength).toBe(0);
  });

  it('serves one range (206), a suffix, an open end; 416 past the end; a stale If-Range gets the whole file', async () => {
    const file = await whole();
    expect(file.length).toBe(completed.sizeBytes);
    expect(file.length, 'streamed, not redirected').toBeLessThan(REDIRECT_ABOVE);
    const part = async (range: string, extra: Record<string, string> = {}) =>
      fetch(url(), { headers: { ...auth(), range, ...extra } });
    for (const [range, start, end] of [
      ['bytes=0-99', 0, 99],
      ['bytes=100-', 100, file.length - 1],
      ['bytes=-50', file.length - 50, file.length - 1],
      ['bytes=10-999999999', 10, file.length - 1],
    ] as const) {
      const r = await part(range);
      expect(r.status, range).toBe(206);
      expect(r.headers.get('content-range')).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(Buffer.from(await r.arrayBuffer()).equals(file.subarray(start, end + 1))).toBe(true);
    }
    const beyond = await part(`bytes=${file.length}-`);
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${file.length}`);
    expect(((await beyond.json()) as { code: string }).code).toBe('RANGE_NOT_SATISFIABLE');
    expect((await part('bytes=0-1,5-6')).status, 'several ranges: the whole file').toBe(200);
    expect((await part('bytes=0-9', { 'if-range': '"stale"' })).status).toBe(200);
    expect((await part('bytes=0-9', { 'if-range': `"${completed.sha256}"` })).status).toBe(206);
    expect((await fetch(url(), { headers: { ...auth(), 'if-none-match': `"${completed.sha256}"` } })).status).toBe(304);
  });

  it('sends a file over EXPORT_DOWNLOAD_REDIRECT_BYTES to a fresh SAS URL (303), recorded in the audit trail', async () => {
    const created = await fetch(`${base}/export-jobs`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: JSON.stringify({ dataType: 'sessions', format: 'json', dateRange: { from: '2026-01-01', to: '2026-06-30' } }),
    });
    const id = ((await created.json()) as { id: string }).id;
    await processExport(env.services, { jobId: id, attempt: 1 }, silentLogger);
    const job = (await (await fetch(`${base}/export-jobs/${id}`, { headers: auth() })).json()) as {
      sizeBytes: number;
      sha256: string;
    };
    expect(job.sizeBytes).toBeGreaterThan(REDIRECT_ABOVE);
    const r = await fetch(`${base}/export-jobs/${id}/download`, { headers: auth(), redirect: 'manual' });
    expect(r.status).toBe(303);
    const location = r.headers.get('location') ?? '';
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1\/.*sp=r/);
    const viaSas = Buffer.from(await (await fetch(location)).arrayBuffer());
    expect(viaSas.length).toBe(job.sizeBytes);
    const trail = (await (await fetch(`${base}/export-jobs/${id}/audit`, { headers: auth() })).json()) as {
      items: { action: string; detail: string | null; clientAddress: string }[];
    };
    expect(trail.items.map((a) => [a.action, a.detail])).toEqual([
      ['create', null],
      ['sas-url', null],
      ['sas-url', 'redirect'],
    ]);
    expect(trail.items[0]!.clientAddress).toBe('127.0.0.1');
  });
});
