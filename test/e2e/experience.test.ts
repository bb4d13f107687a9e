import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ApiProblem,
  exportClient,
  sseEvents,
  type ExportClient,
  type ExportJob,
  type JobUpdate,
} from '../../client/exportClient.js';
import { verifyWebhookSignature } from '../../client/webhookSignature.js';
import { openApiDocument } from '../../shared/http/openapi.js';
import { startHost, type HostProcess } from '../support/hostProcess.js';
import { ACME } from '../support/testServices.js';

/**
 * The user's experience end to end, through the typed client against the local host as its own
 * process: progress pushed over Server-Sent Events (with reconnects), a cancel of a long job and a
 * retry that work, a signed webhook received by a real local receiver (signature checked, retries
 * seen), and the export CLI.
 */
let host: HostProcess;
let client: ExportClient;
const DIST = resolve(__dirname, '..', '..', 'dist', 'local');

beforeAll(async () => {
  host = await startHost({
    // Enough rows, read in small pages, that an export runs for seconds: long enough to watch and cancel.
    SEED_SESSIONS: '40000',
    SEED_USERS: '200',
    EXPORT_PAGE_SIZE: '20',
    EXPORT_PROGRESS_INTERVAL_MS: '100',
    // Streams end after 0.3 s: the client must reconnect with Last-Event-ID.
    EXPORT_EVENTS_MAX_SECONDS: '0.3',
    // The local receiver is on loopback; retries come after 1 s, 2 s, …
    EXPORT_WEBHOOK_ALLOW_LOOPBACK: 'true',
    EXPORT_WEBHOOK_RETRY_BASE_SECONDS: '1',
    EXPORT_PURGE_INTERVAL_SECONDS: '1',
  });
  client = exportClient({ baseUrl: host.api, token: host.token(ACME, 'Admin', 'e2e-admin') });
}, 120_000);

afterAll(async () => {
  await host?.stop();
});

const halfYear = { from: '2026-01-01', to: '2026-06-30' };

describe('progress pushed over Server-Sent Events', () => {
  it('shows rows out of a total, a rising percentage, a rate and an ETA, reconnecting until the job ends', async () => {
    const job = await client.createExport({ dataType: 'sessions', format: 'csv', dateRange: halfYear });
    const updates: JobUpdate[] = [];
    for await (const u of client.watchJob(job.id, { reconnectMs: 100 })) updates.push(u);
    const done = await client.getJob(job.id);
    expect(done.status).toBe('Completed');
    const statuses = updates.filter((u) => u.kind === 'status').map((u) => u.job.status);
    expect(statuses.at(-1)).toBe('Completed');
    expect(statuses.filter((s) => s === 'Completed')).toHaveLength(1);
    const running = updates.filter((u) => u.job.status === 'Processing' && u.job.progress.rowsWritten > 0);
    expect(running.length, 'progress events while the export ran').toBeGreaterThan(2);
    for (const u of running) {
      expect(u.job.progress.rowsTotal).toBe(done.rowCount);
      // Rounded down to a tenth: the first page of 40,000 rows is still 0 %.
      expect(u.job.progress.percent).toBeGreaterThanOrEqual(0);
      expect(u.job.progress.percent).toBeLessThanOrEqual(100);
    }
    const percents = running.map((u) => u.job.progress.percent ?? 0);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(percents.at(-1), 'the percentage rose while the export ran').toBeGreaterThan(percents[0] ?? 0);
    expect(running.some((u) => (u.job.progress.rowsPerSecond ?? 0) > 0 && u.job.progress.etaSeconds !== null)).toBe(true);
    expect(done.progress).toMatchObject({ percent: 100, rowsWritten: done.rowCount, rowsTotal: done.rowCount });
    // The stream was reopened (each ended after 0.3 s) …
    const streams = host
      .output()
      .split('\n')
      .filter((l) => l.includes(`/api/export-jobs/${job.id}/events`));
    expect(streams.length, 'event streams the client opened').toBeGreaterThan(1);
    // … and a state is never sent twice in a row, across reconnects included.
    const ids = updates.map((u) => u.id);
    expect(ids.every((id, i) => i === 0 || id !== ids[i - 1])).toBe(true);
  }, 120_000);

  it('answers text/event-stream; a client that saw the terminal state gets nothing again and the stream ends', async () => {
    const job = await client.createExport({ dataType: 'users', format: 'json', dateRange: halfYear });
    const done = await client.waitForJob(job.id);
    const open = (lastEventId?: string) =>
      fetch(`${host.api}/export-jobs/${job.id}/events`, {
        headers: {
          authorization: `Bearer ${host.token(ACME, 'Admin', 'e2e-admin')}`,
          ...(lastEventId ? { 'last-event-id': lastEventId } : {}),
        },
      });
    const first = await open();
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const events = [];
    for await (const e of sseEvents(first.body!)) events.push(e);
    expect(events.map((e) => e.event)).toEqual(['status']);
    expect(JSON.parse(events[0]!.data)).toMatchObject({ id: done.id, status: 'Completed' });
    const again = [];
    for await (const e of sseEvents((await open(events[0]!.id)).body!)) again.push(e);
    expect(again).toEqual([]);
    // Another organization's caller cannot watch it: a 404 problem, before any event.
    const other = await fetch(`${host.api}/export-jobs/${job.id}/events`, {
      headers: { authorization: `Bearer ${host.token('7d444840-9dc0-41d2-b2d0-2d6b6b3f2c01', 'Admin')}` },
    });
    expect(other.status).toBe(404);
    expect(other.headers.get('content-type')).toBe('application/problem+json');
  }, 60_000);
});

describe('cancel and retry, as the README walks through them', () => {
  it('cancels a long export while it runs, then retries it as a new job that completes', async () => {
    const job = await client.createExport({ dataType: 'sessions', format: 'json', dateRange: halfYear });
    // Wait until it is writing rows: a cancel of a running export.
    for await (const u of client.watchJob(job.id)) if (u.job.status === 'Processing' && u.job.progress.rowsWritten > 0) break;
    const cancelled = await client.cancelJob(job.id);
    expect(cancelled.status).toBe('Cancelled');
    expect(cancelled.progress.rowsWritten).toBeLessThan(cancelled.progress.rowsTotal ?? Infinity);
    const refused = await client.download(job.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).status).toBe(409);
    // Cancelling again is a 409 that says why.
    const again = await client.cancelJob(job.id).catch((e: unknown) => e);
    expect((again as ApiProblem).status).toBe(409);
    expect((again as ApiProblem).detail).toMatch(/Cancelled/);

    const retried = await client.retryJob(job.id);
    expect(retried).toMatchObject({ retryOf: job.id, dataType: 'sessions', format: 'json' });
    const done = await client.waitForJob(retried.id);
    expect(done.status).toBe('Completed');
    expect(done.rowCount).toBe(done.progress.rowsTotal);
  }, 120_000);
});

describe('completion webhooks to a real local receiver', () => {
  let receiver: Server;
  const requests: { headers: Record<string, string | string[] | undefined>; body: string; at: Date }[] = [];
  const answers = [500, 503];

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        requests.push({ headers: req.headers, body, at: new Date() });
        res.writeHead(answers.shift() ?? 204).end();
      });
    });
    await new Promise<void>((ok) => receiver.listen(0, '127.0.0.1', ok));
  });
  afterAll(() => new Promise<void>((ok) => receiver.close(() => ok())));

  it('signs each delivery (HMAC-SHA256 over timestamp and body), retries failures with backoff and logs every attempt', async () => {
    const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/portal-export`;
    const webhook = await client.createWebhook({ url, description: 'e2e receiver' });
    expect(webhook.secret).toMatch(/^whsec_/);
    expect((await client.listWebhooks()).items.map((w) => w.id)).toContain(webhook.id);
    expect(JSON.stringify(await client.listWebhooks())).not.toContain(webhook.secret);

    const job = await client.createExport({
      dataType: 'analytics',
      format: 'csv',
      dateRange: { from: '2026-03-01', to: '2026-03-31' },
    });
    const done = await client.waitForJob(job.id);
    expect(done.status).toBe('Completed');

    const end = Date.now() + 30_000;
    let log = await client.listWebhookDeliveries(webhook.id);
    while (log.items[0]?.status !== 'Delivered' && Date.now() < end) {
      await new Promise((r) => setTimeout(r, 250));
      log = await client.listWebhookDeliveries(webhook.id);
    }
    const delivery = log.items[0]!;
    expect(delivery).toMatchObject({ status: 'Delivered', jobId: job.id, eventType: 'export_job.completed' });
    expect(delivery.attempts.map((a) => a.statusCode)).toEqual([500, 503, 204]);
    // Backoff: 1 s, then 2 s (EXPORT_WEBHOOK_RETRY_BASE_SECONDS=1, doubling).
    const gaps = requests.slice(1).map((r, i) => r.at.getTime() - requests[i]!.at.getTime());
    expect(gaps[0]).toBeGreaterThanOrEqual(900);
    expect(gaps[1]).toBeGreaterThanOrEqual(1900);

    expect(requests).toHaveLength(3);
    for (const r of requests) {
      expect(r.body).toBe(requests[0]!.body); // every attempt sends the same event
      const verdict = verifyWebhookSignature(webhook.secret, r.headers['export-signature'] as string, r.body, { now: r.at });
      expect(verdict.ok, JSON.stringify(verdict)).toBe(true);
    }
    const event = JSON.parse(requests[0]!.body);
    expect(event).toMatchObject({
      type: 'export_job.completed',
      data: { jobId: job.id, status: 'Completed', sha256: done.sha256 },
    });
    expect(requests[0]!.headers['export-event-id']).toBe(event.id);
    expect(requests.map((r) => r.headers['export-delivery-attempt'])).toEqual(['1', '2', '3']);
    // A captured request replayed later fails the receiver's check; so does a wrong secret.
    const first = requests[0]!;
    const later = new Date(first.at.getTime() + 10 * 60_000);
    expect(
      verifyWebhookSignature(webhook.secret, first.headers['export-signature'] as string, first.body, { now: later }).ok,
    ).toBe(false);
    expect(
      verifyWebhookSignature('whsec_other', first.headers['export-signature'] as string, first.body, { now: first.at }).ok,
    ).toBe(false);

    // A cancelled job is announced too (the receiver now answers 204 at once).
    const cancelled = await client.createExport({ dataType: 'sessions', format: 'csv', dateRange: halfYear });
    await client.cancelJob(cancelled.id).catch(() => undefined);
    const state = (await client.getJob(cancelled.id)).status;
    const wanted = state === 'Cancelled' ? 'export_job.cancelled' : 'export_job.completed';
    const until = Date.now() + 20_000;
    while (!requests.some((r) => JSON.parse(r.body).data.jobId === cancelled.id) && Date.now() < until)
      await new Promise((r) => setTimeout(r, 200));
    expect(JSON.parse(requests.find((r) => JSON.parse(r.body).data.jobId === cancelled.id)!.body).type).toBe(wanted);

    await client.deleteWebhook(webhook.id);
    expect((await client.listWebhooks()).items).toEqual([]);
  }, 90_000);
});

/** Runs a compiled CLI as `npm run` would, collecting its output. */
function runCli(
  script: string,
  args: string[],
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((ok) => {
    const child = spawn(process.execPath, [join(DIST, script), ...args], {
      cwd: host.dir,
      env: { PATH: process.env.PATH ?? '', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
    child.on('exit', (code) => ok({ code, stdout, stderr }));
  });
}

describe('npm run export (the CLI)', () => {
  it('creates the job, shows progress, downloads, verifies the sha256 and writes the file', async () => {
    const out = join(host.dir, 'march.csv.gz');
    const r = await runCli('export-cli.js', [
      '--url',
      host.api,
      '--token',
      host.token(ACME, 'Admin', 'cli'),
      '--type',
      'sessions',
      '--format',
      'csv',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
      '--columns',
      'startedAt,userEmail,durationSeconds',
      '--gzip',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(out);
    expect(r.stderr).toMatch(/export [0-9a-f-]{36} created/);
    expect(r.stderr).toMatch(/Completed: [\d,]+ rows/);
    expect(r.stderr).toMatch(/sha256 verified/);
    const id = /export ([0-9a-f-]{36}) created/.exec(r.stderr)![1]!;
    const job: ExportJob = await client.getJob(id);
    const bytes = readFileSync(out);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(job.sha256);
    expect(job).toMatchObject({ compression: 'gzip', columns: ['startedAt', 'userEmail', 'durationSeconds'] });
  }, 90_000);

  it('exits non-zero with the problem’s message; --help prints usage; a missing option is a usage error', async () => {
    const bad = await runCli('export-cli.js', [
      '--url',
      host.api,
      '--token',
      host.token(ACME, 'Admin'),
      '--type',
      'sessions',
      '--format',
      'csv',
      '--from',
      '2026-02-30',
      '--to',
      '2026-03-31',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(
      /export failed: The export request is invalid\. dateRange\.from: must be a calendar date YYYY-MM-DD\. \(VALIDATION_FAILED, HTTP 400\)/,
    );
    const unauthorized = await runCli('export-cli.js', [
      '--url',
      host.api,
      '--token',
      'nope',
      '--type',
      'sessions',
      '--format',
      'csv',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
    ]);
    expect(unauthorized.code).toBe(1);
    expect(unauthorized.stderr).toMatch(/UNAUTHENTICATED, HTTP 401/);
    const down = await runCli('export-cli.js', [
      '--url',
      'http://127.0.0.1:1/api',
      '--token',
      'x',
      '--type',
      'users',
      '--format',
      'csv',
      '--from',
      '2026-03-01',
      '--to',
      '2026-03-31',
    ]);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/could not be reached/);
    const help = await runCli('export-cli.js', ['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run export -- --type/);
    const usage = await runCli('export-cli.js', ['--type', 'sessions']);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toMatch(/missing --format, --from, --to/);
  }, 60_000);
});

describe('the OpenAPI document the typed client is generated from', () => {
  it('is the one the running service serves', async () => {
    const served = await (await fetch(`${host.api}/openapi.json`)).json();
    expect(served).toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  });
});
