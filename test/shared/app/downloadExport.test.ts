import type { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { downloadExport, downloadUrlFor } from '../../../shared/app/downloadExport.js';
import { processExport } from '../../../shared/app/processExport.js';
import { purgeExports } from '../../../shared/app/purgeExports.js';
import { AppError } from '../../../shared/domain/errors.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * What a download answers — the codes and the `detail` the portal shows — and that it never hands
 * out bytes that are not the job's file.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function completedJob(world: FakeServices): Promise<ExportJob> {
  const created = await createExportJob(world, admin, body, world.logger);
  expect(await processExport(world, { jobId: created.id, attempt: 1 }, world.logger)).toBe('completed');
  const job = await world.repo.get(created.id);
  if (!job) throw new Error('the job vanished');
  return job;
}

/** Replaces the job's file with one of another size (a partial or foreign upload). */
async function truncate(world: FakeServices, job: ExportJob): Promise<void> {
  await world.blobs.stageBlock(blobNameOf(job), 'x', Buffer.from('truncated'));
  await world.blobs.commitBlocks(blobNameOf(job), ['x'], { contentType: job.contentType, fileName: job.fileName });
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw e;
  return { code: e.code, message: e.message };
};

const readAll = async (stream: Readable) => {
  const parts: Buffer[] = [];
  for await (const c of stream) parts.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(parts).toString('utf8');
};

const REGENERATING = {
  code: 'FILE_REGENERATING',
  message: 'The export file was lost before it expired and is being made again from the same data. Try again shortly.',
};

describe('downloadExport: what the caller is told', () => {
  it('a Pending job: 409 JOB_NOT_COMPLETED naming its status', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    expect(await refusal(downloadExport(world, admin, job.id))).toEqual({
      code: 'JOB_NOT_COMPLETED',
      message: 'The job is Pending; the file is available once it is Completed.',
    });
  });

  it('an Expired job: 410 JOB_EXPIRED, telling the user to create a new export', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    world.clock.advance(24 * 3600);
    expect(await purgeExports(world, world.logger)).toBe(1);
    expect(await refusal(downloadExport(world, admin, job.id))).toEqual({
      code: 'JOB_EXPIRED',
      message: 'The export file has expired and was deleted. Create a new export.',
    });
  });

  it('a Completed job past its expiry whose file the purge already took: 410, the file simply expired', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    await world.blobs.delete(blobNameOf(job));
    world.clock.advance(24 * 3600);
    expect(await refusal(downloadExport(world, admin, job.id))).toEqual({
      code: 'JOB_EXPIRED',
      message: 'The export file has expired and was deleted.',
    });
  });

  it('a lost file: 503 FILE_REGENERATING saying it is being made again', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    await world.blobs.delete(blobNameOf(job));
    expect(await refusal(downloadExport(world, admin, job.id))).toEqual(REGENERATING);
    expect((await world.repo.get(job.id))?.status).toBe('Pending');
  });
});

describe('downloadExport: only the job’s own bytes leave', () => {
  it('a range of a file that is not its recorded size is refused (the range alone would not show it) and the file made again', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    await truncate(world, job);
    expect(await refusal(downloadExport(world, admin, job.id, { offset: 0, count: 4 }))).toEqual(REGENERATING);
    expect((await world.repo.get(job.id))?.status).toBe('Pending');
  });

  it('a range of an intact file is served', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    const whole = world.blobs.blobs.get(blobNameOf(job))!.bytes;
    const { stream, contentLength } = await downloadExport(world, admin, job.id, { offset: 2, count: 5 });
    expect(contentLength).toBe(5);
    expect(await readAll(stream)).toBe(whole.subarray(2, 7).toString('utf8'));
  });

  it('a whole-file download costs no metadata request: the read itself shows the length', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    let metadataRequests = 0;
    const counting = {
      ...world,
      blobs: { ...world.blobs, sizeOf: (name: string) => (metadataRequests++, world.blobs.sizeOf(name)) },
    };
    const { contentLength } = await downloadExport(counting, admin, job.id);
    expect(contentLength).toBe(job.sizeBytes);
    expect(metadataRequests).toBe(0);
    await downloadExport(counting, admin, job.id, { offset: 0, count: 1 });
    expect(metadataRequests, 'a range checks the file first').toBe(1);
  });

  it('storage failing on the read is passed on as it is: the file is not judged lost, the job stays Completed', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    const sent = world.queue.sent.length;
    const down = {
      ...world,
      blobs: { ...world.blobs, openRead: () => Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Storage is unavailable.')) },
    };
    expect(await refusal(downloadExport(down, admin, job.id))).toEqual({
      code: 'STORAGE_UNAVAILABLE',
      message: 'Storage is unavailable.',
    });
    // An error that is not ours is never taken for our NOT_FOUND, whatever it carries.
    const foreign = Object.assign(new Error('not ours'), { code: 'NOT_FOUND' });
    const odd = { ...world, blobs: { ...world.blobs, openRead: () => Promise.reject(foreign) } };
    expect(await downloadExport(odd, admin, job.id).catch((e: unknown) => e)).toBe(foreign);
    expect((await world.repo.get(job.id))?.status).toBe('Completed');
    expect(world.queue.sent.length, 'no doorbell').toBe(sent);
  });
});

describe('downloadUrlFor', () => {
  it('a URL for a Completed job only: none for a Pending or an Expired one', async () => {
    const world = fakeServices();
    const pending = await createExportJob(world, admin, body, world.logger);
    expect(await downloadUrlFor(world, pending)).toBeNull();
    const job = await completedJob(world);
    expect(await downloadUrlFor(world, job)).toMatch(/^memory:\/\/exports\//);
    world.clock.advance(24 * 3600);
    await purgeExports(world, world.logger);
    const expired = await world.repo.get(job.id);
    expect(expired).toMatchObject({ status: 'Expired', blobName: blobNameOf(job) });
    expect(await downloadUrlFor(world, expired!)).toBeNull();
  });
});
