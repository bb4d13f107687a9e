import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { decodeCheckpoint } from '../../../../shared/app/export/checkpoint.js';
import { processExport } from '../../../../shared/app/processExport.js';
import { AppError } from '../../../../shared/domain/errors.js';
import { blobNameOf } from '../../../../shared/domain/files.js';
import { lifecycle } from '../../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import type { BlobStore } from '../../../../shared/ports/blobStore.js';
import type { PageWorkers } from '../../../../shared/ports/pageWorkers.js';
import { fakeServices, ORG_A, type FakeServices } from '../../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { from: '2026-03-01', to: '2026-03-31' };
const halfYear = { from: '2026-01-01', to: '2026-06-30' };

async function newJob(world: FakeServices, body: object) {
  const job = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: march, ...body },
    world.logger,
  );
  return { job, message: { jobId: job.id, attempt: 1 } };
}

/** Org A's March sessions as the fixture defines them, in (startedAt, id) order: the oracle. */
const marchSessionIds = (world: FakeServices) =>
  world.fixture.sessions
    .filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01T00:00:00.000Z' && s.startedAt < '2026-04-01T00:00:00.000Z',
    )
    .sort((a, b) => (a.startedAt === b.startedAt ? (a.id < b.id ? -1 : 1) : a.startedAt < b.startedAt ? -1 : 1))
    .map((s) => s.id);

/** The world's blob store, recording each staged block (id decoded, size). */
function recordingBlobs(world: FakeServices) {
  const staged: { id: string; bytes: number }[] = [];
  const blobs: BlobStore = {
    ...world.blobs,
    stageBlock: async (name, id, data) => {
      staged.push({ id: Buffer.from(id, 'base64').toString('utf8'), bytes: data.byteLength });
      return world.blobs.stageBlock(name, id, data);
    },
  };
  return { blobs, staged };
}

const fileOf = (world: FakeServices, name: string) => {
  const blob = world.blobs.blobs.get(name);
  if (!blob) throw new Error(`no blob ${name}`);
  return blob;
};

describe('runExport (through processExport, on fakes)', () => {
  it('streams an XLSX export through its writer, cut into blocks of the block size tagged with the attempt', async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, { format: 'excel' });
    const { blobs, staged } = recordingBlobs(world);
    expect(await processExport({ ...world, blobs }, message, world.logger)).toBe('completed');

    // Every row went through the writer (the rows it counted) and all its bytes were committed: one
    // whole ZIP package, from its first local header to the end of its central directory.
    const file = fileOf(world, blobNameOf(job)).bytes;
    expect(file.subarray(0, 4)).toEqual(Buffer.from('PK\x03\x04', 'latin1'));
    expect(file.subarray(file.byteLength - 22, file.byteLength - 18)).toEqual(Buffer.from('PK\x05\x06', 'latin1'));
    expect((await world.repo.get(job.id))?.rowCount).toBe(marchSessionIds(world).length);

    // Cut once a block is full (1024 bytes in the test policy), not before; the rest at the commit.
    expect(staged.length).toBeGreaterThan(2);
    expect(staged.slice(0, -1).every((block) => block.bytes >= 1024)).toBe(true);
    expect(staged.map((block) => block.id)).toEqual(staged.map((_, i) => `g0001-block-${String(i).padStart(7, '0')}`));
  });

  it('commits the file with the job and organization in its metadata, and reports a fresh attempt as not resumed', async () => {
    const world = fakeServices();
    const { job, message } = await newJob(world, {});
    expect(await processExport(world, message, world.logger)).toBe('completed');
    expect(fileOf(world, blobNameOf(job)).properties.metadata).toEqual({ jobid: job.id, organizationid: ORG_A });
    expect(world.lines.find((line) => line.msg === 'export.completed')?.props).toMatchObject({ resumed: false, attempt: 1 });
  });

  it('a resumed attempt reports its own rate: rows written since its checkpoint over its own time', async () => {
    const world = fakeServices({ policy: { progressIntervalMs: 0 } });
    const { job, message } = await newJob(world, { dateRange: halfYear });
    let stages = 0;
    const flaky: BlobStore = {
      ...world.blobs,
      stageBlock: async (...args) => {
        if (++stages === 3)
          throw new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true });
        return world.blobs.stageBlock(...args);
      },
    };
    expect(await processExport({ ...world, blobs: flaky }, message, world.logger)).toBe('retry-scheduled');
    expect(decodeCheckpoint((await world.repo.get(job.id))?.checkpoint ?? null)?.rows).toBe(14);

    // The second attempt reads one page a second and records the rate the job shows before each
    // page. It resumes at row 14 of 49 (seven rows a page), with pages 1 and 2 in flight at once:
    // after page 1 (row 21) 2 s have passed → 7/2 ≈ 4; after row 28, 3 s → 14/3 ≈ 5; after row 35,
    // 4 s → 21/4 ≈ 5; the last beat (row 49, 5 s) → 35/5 = 7. Counting the rows before the resume
    // would show 11, 9, 9 … 10.
    world.clock.advance(3);
    const shown: (number | null)[] = [];
    const pageWorkers: PageWorkers = {
      ...world.pageWorkers,
      async run(task) {
        shown.push((await world.repo.get(job.id))?.rowsPerSecond ?? null);
        world.clock.advance(1);
        return world.pageWorkers.run(task);
      },
    };
    expect(await processExport({ ...world, pageWorkers }, { jobId: job.id, attempt: 2 }, world.logger)).toBe('completed');
    expect(shown).toEqual([null, null, 4, 5, 5]);
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'Completed', rowCount: 49, rowsPerSecond: 7 });
  });

  it('a stopped export returns only once no block is being staged any more', async () => {
    const world = fakeServices({ policy: { progressIntervalMs: 0 } });
    const { job, message } = await newJob(world, { dateRange: halfYear });
    let staging = 0;
    const slow: BlobStore = {
      ...world.blobs,
      stageBlock: async (...args) => {
        staging++;
        for (let i = 0; i < 20; i++) await new Promise<void>((resolve) => setImmediate(resolve));
        await world.blobs.stageBlock(...args);
        staging--;
      },
    };
    let pages = 0;
    const pageWorkers: PageWorkers = {
      ...world.pageWorkers,
      async run(task) {
        const page = await world.pageWorkers.run(task);
        if (++pages === 3) await world.repo.apply(job.id, lifecycle.cancel(world.clock.now().toISOString()));
        return page;
      },
    };
    expect(await processExport({ ...world, blobs: slow, pageWorkers }, message, world.logger)).toBe('lease-lost');
    expect(staging).toBe(0);
    expect(world.blobs.blobs.size).toBe(0);
  });
});
