import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { downloadExport } from '../../../shared/app/downloadExport.js';
import { getExportJob } from '../../../shared/app/getExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { reconcileFiles } from '../../../shared/app/reconcileFiles.js';
import { AppError } from '../../../shared/domain/errors.js';
import { blobNameOf, FILE_CHECK_VALID_MS, FILE_LOST } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { jobResource } from '../../../shared/http/jobResource.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * A Completed job always has its file: a file lost before `expiresAt` is never reported as expired;
 * it is detected on read and by the reconciliation pass, and made again from the job's snapshot,
 * byte for byte, with the reason recorded and an attempt counted.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );
const readAll = async (stream: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts);
};

async function completedJob(world: FakeServices, body: object = {}): Promise<ExportJob> {
  const created = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' }, ...body },
    world.logger,
  );
  expect(await processExport(world, { jobId: created.id, attempt: 1 }, world.logger)).toBe('completed');
  return job(world, created.id);
}

async function job(world: FakeServices, id: string): Promise<ExportJob> {
  const j = await world.repo.get(id);
  if (!j) throw new Error(`no job ${id}`);
  return j;
}

/** Runs the doorbells the queue recorded since `from`, as the worker would. */
async function deliver(world: FakeServices, from: number): Promise<string[]> {
  const outcomes: string[] = [];
  for (const { message } of world.queue.sent.slice(from)) outcomes.push(await processExport(world, message, world.logger));
  return outcomes;
}

const lostLines = (world: FakeServices) => world.lines.filter((l) => l.msg === 'metric export_file_lost');

describe('a file lost before its expiry', () => {
  it('download: 503 FILE_REGENERATING (never 410), the job goes back with FILE_LOST, and the same bytes come back', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    const original = Buffer.from(world.blobs.blobs.get(blobNameOf(done))!.bytes);
    await world.blobs.delete(blobNameOf(done));
    const sent = world.queue.sent.length;

    const err = await downloadExport(world, admin, done.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err).toMatchObject({ code: 'FILE_REGENERATING' });
    const back = await job(world, done.id);
    expect(back).toMatchObject({
      status: 'Pending',
      lastError: FILE_LOST,
      attempt: 1,
      blobName: null,
      expiresAt: null,
      sha256: done.sha256,
      sizeBytes: done.sizeBytes,
    });
    expect(world.queue.sent.slice(sent).map((s) => s.message)).toEqual([{ jobId: done.id, attempt: 2 }]);
    expect(lostLines(world).map((l) => l.props)).toEqual([expect.objectContaining({ jobId: done.id, detectedBy: 'download' })]);

    // The API says what is happening while it is made again.
    const resource = jobResource(back, null);
    expect(resource).toMatchObject({ status: 'Pending', regenerating: true, lastError: FILE_LOST });
    expect(await code(downloadExport(world, admin, done.id)), 'asked again meanwhile').toBe('FILE_REGENERATING');
    expect(world.queue.sent.length, 'no second doorbell').toBe(sent + 1);

    expect(await deliver(world, sent)).toEqual(['completed']);
    const healed = await job(world, done.id);
    expect(healed).toMatchObject({
      status: 'Completed',
      attempt: 2,
      lastError: null,
      sha256: done.sha256,
      sizeBytes: done.sizeBytes,
    });
    expect(Date.parse(healed.expiresAt!)).toBeGreaterThanOrEqual(Date.parse(done.expiresAt!));
    expect(jobResource(healed, null)).not.toHaveProperty('regenerating');
    const { stream } = await downloadExport(world, admin, done.id);
    expect((await readAll(stream)).equals(original)).toBe(true);
    expect(world.lines.some((l) => l.msg === 'export.regenerated' && l.props.identical === true)).toBe(true);
  });

  it('download: a file that is not its recorded size is not the job’s file — made again too', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    await world.blobs.stageBlock(blobNameOf(done), 'x', Buffer.from('truncated'));
    await world.blobs.commitBlocks(blobNameOf(done), ['x'], { contentType: done.contentType, fileName: done.fileName });
    expect(await code(downloadExport(world, admin, done.id))).toBe('FILE_REGENERATING');
    expect(lostLines(world)[0]?.props).toMatchObject({ detectedBy: 'download' });
    expect(await deliver(world, world.queue.sent.length - 1)).toEqual(['completed']);
    expect(sha256(world.blobs.blobs.get(blobNameOf(done))!.bytes)).toBe(done.sha256);
  });

  it('download after expiresAt with the file gone (the purge not run yet): 410, the file simply expired', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    await world.blobs.delete(blobNameOf(done));
    world.clock.advance(24 * 3600);
    expect(await code(downloadExport(world, admin, done.id))).toBe('JOB_EXPIRED');
    expect((await job(world, done.id)).status).toBe('Completed');
    expect(lostLines(world)).toEqual([]);
  });

  it('job GET: no download URL to a missing file once its check is older than FILE_CHECK_VALID_MS — the job comes back regenerating instead', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    const first = (await getExportJob(world, admin, done.id)).downloadUrl;
    expect(first).toMatch(/^memory:/);
    await world.blobs.delete(blobNameOf(done));
    // Within the window the passed check still vouches for the file: the window README states.
    world.clock.advance(FILE_CHECK_VALID_MS / 1000 - 1);
    expect((await getExportJob(world, admin, done.id)).downloadUrl).toBe(first);
    expect(lostLines(world)).toEqual([]);
    world.clock.advance(1);

    const seen = await getExportJob(world, admin, done.id);
    expect(seen.downloadUrl).toBeNull();
    expect(seen.job).toMatchObject({ status: 'Pending', lastError: FILE_LOST });
    expect(lostLines(world)[0]?.props).toMatchObject({ detectedBy: 'downloadUrl' });
    await deliver(world, world.queue.sent.length - 1);
    const again = await getExportJob(world, admin, done.id);
    expect(again.job.status).toBe('Completed');
    expect(world.blobs.fetchUrl(again.downloadUrl!).status).toBe(200);
  });

  it('job GET: storage trouble during the check does not fail the GET', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    const flaky = {
      ...world,
      blobs: {
        ...world.blobs,
        sizeOf: () => Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'down', { retryable: true })),
      },
    };
    const seen = await getExportJob(flaky, admin, done.id);
    expect(seen.job.status).toBe('Completed');
    expect(seen.downloadUrl).not.toBeNull();
    expect(world.lines.some((l) => l.msg.startsWith('export.file_check skipped'))).toBe(true);
    // A check that did not happen vouches for nothing: the next GET asks storage, finds the loss.
    await world.blobs.delete(blobNameOf(done));
    expect((await getExportJob(world, admin, done.id)).job).toMatchObject({ status: 'Pending', lastError: FILE_LOST });
  });

  it('Excel, PDF and gzip files are made again byte for byte (the snapshot fixes their generation time)', async () => {
    const world = fakeServices();
    for (const body of [
      { format: 'excel' },
      { format: 'pdf' },
      { format: 'csv', compression: 'gzip' },
      { format: 'ndjson', compression: 'gzip' },
      { format: 'json' },
      { dataType: 'analytics', format: 'excel' },
    ]) {
      const done = await completedJob(world, body);
      expect(done.snapshot?.takenAt, 'the snapshot records its time').toBe(done.startedAt);
      world.clock.advance(3600);
      await world.blobs.delete(blobNameOf(done));
      const from = world.queue.sent.length;
      expect((await reconcileFiles(world, world.logger)).lost).toBe(1);
      expect(await deliver(world, from)).toEqual(['completed']);
      const healed = await job(world, done.id);
      expect(healed.sha256, JSON.stringify(body)).toBe(done.sha256);
      expect(sha256(world.blobs.blobs.get(blobNameOf(done))!.bytes)).toBe(done.sha256);
    }
  });

  it('a file that keeps vanishing uses up the attempts: the job ends Failed (ATTEMPTS_EXHAUSTED), never loops', async () => {
    const world = fakeServices({ policy: { retry: { maxAttempts: 3, baseSeconds: 5, capSeconds: 600 } } });
    const done = await completedJob(world);
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      await world.blobs.delete(blobNameOf(done));
      const from = world.queue.sent.length;
      await reconcileFiles(world, world.logger);
      outcomes.push(...(await deliver(world, from)));
    }
    expect(outcomes).toEqual(['completed', 'completed', 'failed']);
    const last = await job(world, done.id);
    expect(last).toMatchObject({ status: 'Failed', attempt: 4, lastError: { code: 'ATTEMPTS_EXHAUSTED' } });
    expect(last.lastError?.message).toContain(FILE_LOST.message);
    expect(jobResource(last, null)).not.toHaveProperty('regenerating');
    expect(lostLines(world)).toHaveLength(3);
  });
});

describe('reconcileFiles', () => {
  it('checks unexpired Completed jobs newest first, sends back exactly the lost ones, and honours the window', async () => {
    const world = fakeServices();
    const jobs: ExportJob[] = [];
    for (let i = 0; i < 5; i++) {
      jobs.push(await completedJob(world));
      world.clock.advance(20 * 60);
    }
    // jobs[0] completed 100 min ago … jobs[4] 20 min ago.
    await world.blobs.delete(blobNameOf(jobs[0]!));
    await world.blobs.delete(blobNameOf(jobs[3]!));
    const recent = await reconcileFiles(world, world.logger, { completedWithinMinutes: 60 });
    expect(recent).toEqual({ checked: 3, lost: 1, interrupted: false });
    expect((await job(world, jobs[3]!.id)).status).toBe('Pending');
    expect((await job(world, jobs[0]!.id)).status, 'outside the window').toBe('Completed');

    const all = await reconcileFiles(world, world.logger, { limit: 2 });
    expect(all, 'the two newest still Completed').toEqual({ checked: 2, lost: 0, interrupted: false });
    expect(await reconcileFiles(world, world.logger)).toEqual({ checked: 4, lost: 1, interrupted: false });
    expect(lostLines(world).map((l) => l.props.jobId)).toEqual([jobs[3]!.id, jobs[0]!.id]);
    expect(lostLines(world).every((l) => l.props.detectedBy === 'reconcile')).toBe(true);

    // Expired files are the purge's business, not lost.
    world.clock.advance(24 * 3600);
    await world.blobs.delete(blobNameOf(jobs[4]!));
    expect(await reconcileFiles(world, world.logger)).toEqual({ checked: 0, lost: 0, interrupted: false });
  });

  it('never judges a file when storage does not answer: the pass stops and nothing is sent back', async () => {
    const world = fakeServices();
    const done = await completedJob(world);
    await world.blobs.delete(blobNameOf(done));
    const down = { ...world, blobs: { ...world.blobs, sizeOf: () => Promise.reject(new Error('ECONNREFUSED')) } };
    expect(await reconcileFiles(down, world.logger)).toEqual({ checked: 0, lost: 0, interrupted: true });
    expect((await job(world, done.id)).status).toBe('Completed');
    expect(await reconcileFiles(world, world.logger)).toMatchObject({ lost: 1 });
  });
});
