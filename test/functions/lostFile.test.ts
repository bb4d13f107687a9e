import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportJobFunction } from '../../functions/createExportJob.js';
import { downloadExportFunction } from '../../functions/downloadExport.js';
import { getExportJobFunction } from '../../functions/getExportJob.js';
import { sweepOutboxFunction } from '../../functions/sweepOutbox.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { blobNameOf } from '../../shared/domain/files.js';
import type { ExportJob } from '../../shared/domain/job.js';
import { ACME, testEnv, type TestEnv } from '../support/testServices.js';
import { bodyOf, context, headerOf, httpRequest } from '../support/http.js';

/**
 * A file lost before its expiry, over the HTTP functions with SQLite and Azurite: the download
 * answers 503 FILE_REGENERATING with Retry-After (never 410), the job says it is being made
 * again, and once the worker ran the download serves the very same bytes (Excel included).
 */

let env: TestEnv;
const services = () => Promise.resolve(env.services);
let admin: string;

beforeAll(async () => {
  env = await testEnv();
  admin = env.token(ACME, 'Admin', 'admin-1');
});
afterAll(async () => {
  await env.cleanup();
});

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const get = (id: string) =>
  getExportJobFunction.handler(
    httpRequest({ method: 'GET', path: `export-jobs/${id}`, token: admin, params: { id } }),
    context(),
    services,
  );
const download = (id: string) =>
  downloadExportFunction.handler(
    httpRequest({ method: 'GET', path: `export-jobs/${id}/download`, token: admin, params: { id } }),
    context(),
    services,
  );
const bytesOf = async (res: Awaited<ReturnType<typeof download>>) =>
  Buffer.from(await new Response(res.body as ReadableStream).arrayBuffer());

async function completed(body: object): Promise<ExportJob> {
  const res = await createExportJobFunction.handler(
    httpRequest({ method: 'POST', path: 'export-jobs', token: admin, body }),
    context(),
    services,
  );
  const { id } = bodyOf(res) as { id: string };
  expect(await processExport(env.services, { jobId: id, attempt: 1 }, silentLogger)).toBe('completed');
  return (await env.services.repo.get(id)) as ExportJob;
}

describe('a lost file over HTTP', () => {
  it.each([
    [
      'csv + gzip',
      { dataType: 'sessions', format: 'csv', compression: 'gzip', dateRange: { from: '2026-01-01', to: '2026-02-28' } },
    ],
    ['excel', { dataType: 'sessions', format: 'excel', dateRange: { from: '2026-01-01', to: '2026-02-28' } }],
  ])('%s: 503 FILE_REGENERATING with Retry-After, then the same bytes', async (_name, body) => {
    const job = await completed(body);
    const before = await download(job.id);
    expect(before.status).toBe(200);
    const original = await bytesOf(before);
    expect(sha256(original)).toBe(job.sha256);

    await env.services.blobs.delete(blobNameOf(job));
    const lost = await download(job.id);
    expect(lost.status).toBe(503);
    expect(headerOf(lost, 'Content-Type')).toBe('application/problem+json');
    expect(headerOf(lost, 'Retry-After')).toMatch(/^\d+$/);
    const problem = bodyOf(lost);
    expect(problem).toMatchObject({ status: 503, code: 'FILE_REGENERATING' });
    expect(problem.detail).toMatch(/being made again/);
    expect(JSON.stringify(problem)).not.toMatch(/has expired|was deleted|stack|at \w+ \(/i);

    const resource = bodyOf(await get(job.id));
    expect(resource).toMatchObject({
      status: 'Pending',
      regenerating: true,
      lastError: { code: 'FILE_LOST' },
      sha256: job.sha256,
      expiresAt: null,
    });
    expect(resource.downloadUrl).toBeUndefined();

    expect(await processExport(env.services, { jobId: job.id, attempt: 2 }, silentLogger)).toBe('completed');
    const healed = bodyOf(await get(job.id));
    expect(healed).toMatchObject({ status: 'Completed', attempts: 2, sha256: job.sha256, sizeBytes: job.sizeBytes });
    expect(healed.regenerating).toBeUndefined();
    const again = await download(job.id);
    expect(again.status).toBe(200);
    expect((await bytesOf(again)).equals(original)).toBe(true);
    const viaSas = Buffer.from(await (await fetch(healed.downloadUrl as string)).arrayBuffer());
    expect(viaSas.equals(original)).toBe(true);
  });

  it('the job GET notices a missing file before minting a URL to it', async () => {
    const job = await completed({ dataType: 'users', format: 'json', dateRange: { from: '2026-01-01', to: '2026-06-30' } });
    await env.services.blobs.delete(blobNameOf(job));
    const res = await get(job.id);
    expect(res.status).toBe(200);
    expect(bodyOf(res)).toMatchObject({ status: 'Pending', regenerating: true, lastError: { code: 'FILE_LOST' } });
    expect(bodyOf(res).downloadUrl).toBeUndefined();
  });

  it('the sweeper timer finds a file lost behind everyone’s back and sends its job to be made again', async () => {
    const job = await completed({ dataType: 'sessions', format: 'ndjson', dateRange: { from: '2026-03-01', to: '2026-03-31' } });
    await env.services.blobs.delete(blobNameOf(job));
    await sweepOutboxFunction.handler(
      { isPastDue: false, schedule: { adjustForDST: false }, scheduleStatus: { last: '', next: '', lastUpdated: '' } },
      context(),
      services,
    );
    expect(await env.services.repo.get(job.id)).toMatchObject({ status: 'Pending', lastError: { code: 'FILE_LOST' } });
  });
});
