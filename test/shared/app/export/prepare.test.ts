import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { blockIdOf, decodeCheckpoint, encodeCheckpoint } from '../../../../shared/app/export/checkpoint.js';
import { claimJob } from '../../../../shared/app/export/claimJob.js';
import { prepareExport } from '../../../../shared/app/export/prepare.js';
import { processExport } from '../../../../shared/app/processExport.js';
import { AppError } from '../../../../shared/domain/errors.js';
import { blobNameOf } from '../../../../shared/domain/files.js';
import type { ExportJob } from '../../../../shared/domain/job.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import type { BlobStore } from '../../../../shared/ports/blobStore.js';
import { storedJob } from '../../../support/storedJob.js';
import { fakeServices, ORG_A, type FakeServices } from '../../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { from: '2026-03-01', to: '2026-03-31' };

/** A job as the worker has it after the claim: with its snapshot. */
async function claimedJob(world: FakeServices, body: object = {}): Promise<ExportJob> {
  const created = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: march, ...body },
    world.logger,
  );
  const job = await claimJob(world, created.id, 'lease-1');
  if (!job?.snapshot) throw new Error('claimed with a snapshot');
  return job;
}

const marchSessionsOf = (world: FakeServices, userId?: string) =>
  world.fixture.sessions.filter(
    (s) =>
      s.organizationId === ORG_A &&
      s.startedAt >= '2026-03-01' &&
      s.startedAt < '2026-04-01' &&
      (userId === undefined || s.userId === userId),
  ).length;

describe('prepareExport', () => {
  it('refuses a job without a snapshot (never claimed) as an internal error', async () => {
    const world = fakeServices();
    const error = await prepareExport(world, storedJob()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'The job has no snapshot.' });
  });

  it('the query: the tenant, the range, the columns, the snapshot — and the user filter when there is one', async () => {
    const world = fakeServices();
    const all = await claimedJob(world, { columns: ['sessionId', 'device'] });
    expect((await prepareExport(world, all)).query).toStrictEqual({
      dataType: 'sessions',
      organizationId: ORG_A,
      from: '2026-03-01',
      to: '2026-03-31',
      columns: ['sessionId', 'device'],
      snapshot: all.snapshot,
    });
    const filtered = await claimedJob(world, { columns: ['sessionId'], filters: { userId: 'user-7' } });
    expect((await prepareExport(world, filtered)).query).toStrictEqual({
      dataType: 'sessions',
      organizationId: ORG_A,
      from: '2026-03-01',
      to: '2026-03-31',
      columns: ['sessionId'],
      snapshot: filtered.snapshot,
      userId: 'user-7',
    });
  });

  it('text formats are encoded by the page workers; Excel and PDF get rows', async () => {
    const world = fakeServices();
    const encodingOf = async (format: string, body: object = {}) =>
      (await prepareExport(world, await claimedJob(world, { format, ...body }))).encoding;
    const semicolons = { delimiter: ';', includeBom: false };
    expect(await encodingOf('csv', { csv: semicolons })).toEqual({ kind: 'text', format: 'csv', csv: semicolons });
    const defaults = { delimiter: ',', includeBom: true };
    expect(await encodingOf('json')).toEqual({ kind: 'text', format: 'json', csv: defaults });
    expect(await encodingOf('ndjson')).toEqual({ kind: 'text', format: 'ndjson', csv: defaults });
    expect(await encodingOf('excel')).toEqual({ kind: 'rows' });
    expect(await encodingOf('pdf')).toEqual({ kind: 'rows' });
  });

  it('only the PDF title block gets the row count (of the user filter too)', async () => {
    const world = fakeServices();
    const userId = world.fixture.sessions.find((s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01')?.userId;
    const pdf = await prepareExport(world, await claimedJob(world, { format: 'pdf', filters: { userId } }));
    expect(pdf.meta.rowCount).toBe(marchSessionsOf(world, userId));
    expect(pdf.meta.rowCount).toBeGreaterThan(0);
    const csv = await prepareExport(world, await claimedJob(world, { format: 'csv' }));
    expect(csv.meta).not.toHaveProperty('rowCount');
  });
});

describe('prepareExport: where an interrupted text export continues', () => {
  /** A half-year CSV interrupted at its third block: two blocks staged and checkpointed. */
  async function interrupted(world: FakeServices): Promise<ExportJob> {
    const created = await createExportJob(
      world,
      admin,
      { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } },
      world.logger,
    );
    let staged = 0;
    const blobs: BlobStore = {
      ...world.blobs,
      stageBlock: async (...args) => {
        if (++staged === 3) throw new AppError('STORAGE_UNAVAILABLE', 'down', { retryable: true });
        return world.blobs.stageBlock(...args);
      },
    };
    expect(await processExport({ ...world, blobs }, { jobId: created.id, attempt: 1 }, world.logger)).toBe('retry-scheduled');
    const job = await world.repo.get(created.id);
    if (!job) throw new Error('the job is there');
    return job;
  }

  it('continues from the checkpoint when every block it names is still staged', async () => {
    const world = fakeServices();
    const job = await interrupted(world);
    const checkpoint = decodeCheckpoint(job.checkpoint);
    expect(checkpoint?.blocks).toEqual([blockIdOf(0), blockIdOf(1)]);
    expect((await prepareExport(world, job)).resumeFrom).toEqual(checkpoint);
  });

  it('starts over when one block the checkpoint names is no longer staged', async () => {
    const world = fakeServices();
    const job = await interrupted(world);
    const checkpoint = decodeCheckpoint(job.checkpoint);
    if (!checkpoint) throw new Error('checkpointed');
    const oneMissing = encodeCheckpoint({ ...checkpoint, blocks: [...checkpoint.blocks, blockIdOf(2)] });
    expect((await prepareExport(world, { ...job, checkpoint: oneMissing })).resumeFrom).toBeUndefined();
  });

  it('starts over when the staged blocks are gone (they live 7 days, or until a commit)', async () => {
    const world = fakeServices();
    const job = await interrupted(world);
    await world.blobs.delete(blobNameOf(job));
    expect(await world.blobs.stagedBlockIds(blobNameOf(job))).toEqual([]);
    expect((await prepareExport(world, job)).resumeFrom).toBeUndefined();
  });
});
