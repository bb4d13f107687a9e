import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import type { PageWorkers } from '../../../shared/ports/pageWorkers.js';
import { processExport } from '../../../shared/app/processExport.js';
import { decodeCheckpoint } from '../../../shared/app/export/checkpoint.js';
import { prepareExport } from '../../../shared/app/export/prepare.js';
import { AppError } from '../../../shared/domain/errors.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import { lifecycle } from '../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { BlobStore } from '../../../shared/ports/blobStore.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { from: '2026-03-01', to: '2026-03-31' };
const halfYear = { from: '2026-01-01', to: '2026-06-30' };
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

async function newJob(world: FakeServices, body: object) {
  const job = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: march, ...body },
    world.logger,
  );
  return { job, message: { jobId: job.id, attempt: 1 } };
}

const fileOf = (world: FakeServices, name: string): Buffer => {
  const blob = world.blobs.blobs.get(name);
  if (!blob) throw new Error(`no blob ${name}`);
  return blob.bytes;
};

/** Org A's March sessions as the fixture defines them, in (startedAt, id) order: the oracle. */
const marchSessionIds = (world: FakeServices) =>
  world.fixture.sessions
    .filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01T00:00:00.000Z' && s.startedAt < '2026-04-01T00:00:00.000Z',
    )
    .sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1))
    .map((s) => s.id);

/** Makes `stageBlock` fail (once) at the given block number. */
function failingAt(blobs: BlobStore, block: number, error: Error): BlobStore {
  let n = 0;
  return {
    ...blobs,
    stageBlock: async (...args) => {
      if (++n === block) throw error;
      return blobs.stageBlock(...args);
    },
  };
}

describe('processExport on fakes', () => {
  it('exports the tenant’s rows in order into one committed file whose size and sha256 the job records', async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, {});
    expect(await processExport(world, message, world.logger)).toBe('completed');
    const done = (await world.repo.get(job.id))!;
    const bytes = fileOf(world, blobNameOf(job));
    const parsed = Papa.parse<string[]>(bytes.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.data[0]?.[0]).toBe('Session ID');
    expect(parsed.data.slice(1).map((r) => r[0])).toEqual(marchSessionIds(world));
    expect(done).toMatchObject({
      status: 'Completed',
      attempt: 1,
      rowCount: marchSessionIds(world).length,
      rowsWritten: marchSessionIds(world).length,
      sizeBytes: bytes.byteLength,
      sha256: sha256(bytes),
      blobName: blobNameOf(job),
      completedAt: world.clock.now().toISOString(),
      expiresAt: new Date(world.clock.now().getTime() + 24 * 3600_000).toISOString(),
      leaseToken: null,
      checkpoint: null,
      lastError: null,
    });
    // A later duplicate of the doorbell finds nothing to do.
    expect(await processExport(world, message, world.logger)).toBe('skipped');
  });

  it('gzips each block as its own member: the file gunzips to the plain export', async () => {
    const plain = fakeServices();
    const zipped = fakeServices({ fixture: plain.fixture });
    const a = await newJob(plain, {});
    const b = await newJob(zipped, { compression: 'gzip' });
    await processExport(plain, a.message, plain.logger);
    await processExport(zipped, b.message, zipped.logger);
    const gz = fileOf(zipped, blobNameOf(b.job));
    expect(gz.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(gunzipSync(gz).equals(fileOf(plain, blobNameOf(a.job)))).toBe(true);
    expect((await zipped.repo.get(b.job.id))?.sha256).toBe(sha256(gz));
  });

  it('resumes a text export from its checkpoint after a transient failure, byte-identical to an uninterrupted one', async () => {
    const reference = fakeServices();
    const r = await newJob(reference, { dateRange: halfYear });
    await processExport(reference, r.message, reference.logger);
    const expected = fileOf(reference, blobNameOf(r.job));

    const world = fakeServices({ fixture: reference.fixture });
    const { job, message } = await newJob(world, { dateRange: halfYear });
    const flaky = failingAt(
      world.blobs,
      3,
      new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true }),
    );
    expect(await processExport({ ...world, blobs: flaky }, message, world.logger)).toBe('retry-scheduled');
    const waiting = (await world.repo.get(job.id))!;
    expect(waiting).toMatchObject({ status: 'Pending', attempt: 1, lastError: { code: 'STORAGE_UNAVAILABLE' } });
    const checkpoint = decodeCheckpoint(waiting.checkpoint);
    expect(checkpoint?.blocks.length, 'two blocks were staged and checkpointed').toBe(2);
    // The retry's doorbell is scheduled at nextAttemptAt (random 0.5 → half of the first backoff step).
    const retry = world.queue.sent.at(-1)!;
    expect(retry.message).toEqual({ jobId: job.id, attempt: 2 });
    expect(retry.notBefore?.toISOString()).toBe(waiting.nextAttemptAt);
    expect(Date.parse(waiting.nextAttemptAt!) - world.clock.now().getTime()).toBe(2500);
    // Not before its time.
    expect(await processExport(world, retry.message, world.logger)).toBe('skipped');
    world.clock.advance(3);
    expect(await processExport(world, retry.message, world.logger)).toBe('completed');
    const done = (await world.repo.get(job.id))!;
    expect(done).toMatchObject({ status: 'Completed', attempt: 2 });
    expect(fileOf(world, blobNameOf(job)).equals(expected)).toBe(true);
    expect(done.sha256).toBe(sha256(expected));
    expect(world.lines.find((l) => l.msg === 'export.completed')?.props).toMatchObject({ resumed: true, attempt: 2 });
  });

  it("treats a checkpoint it cannot continue as none (an old format, another hasher's state): the export starts over", async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, { dateRange: halfYear });
    const flaky = failingAt(world.blobs, 3, new AppError('STORAGE_UNAVAILABLE', 'down', { retryable: true }));
    expect(await processExport({ ...world, blobs: flaky }, message, world.logger)).toBe('retry-scheduled');
    const waiting = (await world.repo.get(job.id))!;
    const current = decodeCheckpoint(waiting.checkpoint)!;
    expect((await prepareExport(world, waiting)).resumeFrom).toEqual(current);
    // What the hand-written hasher's checkpoints looked like (version 1): never misread as a v2.
    const v1 = { ...current, v: 1, hash: { h: [1, 2, 3, 4, 5, 6, 7, 8], tail: '', length: current.bytes } };
    expect((await prepareExport(world, { ...waiting, checkpoint: JSON.stringify(v1) })).resumeFrom).toBeUndefined();
    // A version-2 checkpoint whose hash state no hasher of this version wrote.
    const foreign = { ...current, hash: Buffer.alloc(116, 7).toString('base64') };
    expect((await prepareExport(world, { ...waiting, checkpoint: JSON.stringify(foreign) })).resumeFrom).toBeUndefined();
  });

  it('fails at once on a permanent error, with a product code and no internal detail', async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, {});
    const broken = failingAt(world.blobs, 1, new TypeError('cannot read properties of undefined (user åsa@example.com)'));
    expect(await processExport({ ...world, blobs: broken }, message, world.logger)).toBe('failed');
    const failed = (await world.repo.get(job.id))!;
    expect(failed.status).toBe('Failed');
    expect(failed.lastError).toEqual({ code: 'EXPORT_FAILED', message: 'The export failed because of an internal error.' });
    expect(world.blobs.blobs.size).toBe(0);
  });

  it('fails a transient error on the last allowed attempt, keeping its code and saying what to do', async () => {
    const world = fakeServices({ policy: { retry: { maxAttempts: 1, baseSeconds: 5, capSeconds: 600 } } });
    const { job, message } = await newJob(world, {});
    const down = failingAt(
      world.blobs,
      1,
      new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true }),
    );
    expect(await processExport({ ...world, blobs: down }, message, world.logger)).toBe('failed');
    expect((await world.repo.get(job.id))?.lastError).toEqual({
      code: 'STORAGE_UNAVAILABLE',
      message: 'Blob Storage is temporarily unavailable. Gave up after 1 attempts; retry the export later.',
    });
  });

  it('gives up on a job claimed more often than allowed (its workers kept dying), naming the last error', async () => {
    const world = fakeServices({ policy: { retry: { maxAttempts: 2, baseSeconds: 5, capSeconds: 600 }, leaseSeconds: 10 } });
    const { job, message } = await newJob(world, {});
    for (const token of ['dead-1', 'dead-2']) {
      expect(
        await world.repo.apply(
          job.id,
          lifecycle.claim(world.clock.now().toISOString(), { token, expiresAt: world.clock.now().toISOString() }),
        ),
      ).toBe(true);
      world.clock.advance(1);
    }
    expect(await processExport(world, { jobId: job.id, attempt: 3 }, world.logger)).toBe('failed');
    expect((await world.repo.get(job.id))?.lastError).toEqual({
      code: 'ATTEMPTS_EXHAUSTED',
      message: 'Gave up after 2 attempts: the export kept failing. Retry the export or contact support.',
    });
    expect(message.attempt).toBe(1);
  });

  it('stops at the next heartbeat once the job is cancelled, and commits nothing', async () => {
    const world = fakeServices({ policy: { progressIntervalMs: 0 } });
    const { job, message } = await newJob(world, {});
    let pages = 0;
    const pageWorkers: PageWorkers = {
      ...world.pageWorkers,
      async run(task) {
        const page = await world.pageWorkers.run(task);
        if (++pages === 2) await world.repo.apply(job.id, lifecycle.cancel(world.clock.now().toISOString()));
        return page;
      },
    };
    expect(await processExport({ ...world, pageWorkers }, message, world.logger)).toBe('lease-lost');
    expect((await world.repo.get(job.id))?.status).toBe('Cancelled');
    expect(world.blobs.blobs.size).toBe(0);
  });

  it('writes an empty file (header only) when the range has no rows', async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, { dateRange: { from: '2025-01-01', to: '2025-01-31' } });
    expect(await processExport(world, message, world.logger)).toBe('completed');
    expect(fileOf(world, blobNameOf(job)).toString('utf8')).toBe(
      '\uFEFFSession ID,User ID,User email,Started at (UTC),Ended at (UTC),Duration (s),Page views,Bounced,Device,Browser,Country,Entry page\r\n',
    );
    expect((await world.repo.get(job.id))?.rowCount).toBe(0);
  });
});
