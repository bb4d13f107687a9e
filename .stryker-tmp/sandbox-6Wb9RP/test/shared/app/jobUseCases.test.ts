// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { deadLetterExport } from '../../../shared/app/deadLetterExport.js';
import { downloadExport } from '../../../shared/app/downloadExport.js';
import { getExportJob } from '../../../shared/app/getExportJob.js';
import { listExportJobs } from '../../../shared/app/listExportJobs.js';
import { processExport } from '../../../shared/app/processExport.js';
import { purgeExports } from '../../../shared/app/purgeExports.js';
import { retryExportJob } from '../../../shared/app/retryExportJob.js';
import { sweepOutbox } from '../../../shared/app/sweepOutbox.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import { lifecycle } from '../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
const otherManager: Principal = { userId: 'manager-a2', organizationId: ORG_A, roles: ['Manager'] };
const outsider: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
const superAdmin: Principal = { userId: 'root', organizationId: ORG_B, roles: ['SuperAdmin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

const create = (world: FakeServices, who: Principal = admin, b: object = body) => createExportJob(world, who, b, world.logger);
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );

describe('createExportJob', () => {
  it('records a Pending job named for its content and rings its doorbell once', async () => {
    const world = fakeServices();
    const job = await create(world);
    expect(job).toMatchObject({
      status: 'Pending',
      organizationId: ORG_A,
      createdBy: 'admin-a',
      fileName: 'users_2026-01-01_2026-06-30.csv',
      contentType: 'text/csv; charset=utf-8',
      attempt: 0,
      enqueuedAt: world.clock.now().toISOString(),
      retryOf: null,
    });
    expect(world.queue.sent).toEqual([{ message: { jobId: job.id, attempt: 1 }, notBefore: undefined }]);
  });

  it('keeps the job when the doorbell cannot be sent (the sweeper sends it later)', async () => {
    const world = fakeServices();
    await world.queue.close();
    const job = await create(world);
    expect(job).toMatchObject({ status: 'Pending', enqueuedAt: null });
    expect(world.lines.some((l) => l.msg.startsWith('queue.send failed'))).toBe(true);
  });

  it('refuses before writing anything: no role, invalid body, another organization, a PDF over the cap', async () => {
    const world = fakeServices({ policy: { pdfRowCap: 3 } });
    expect(await code(create(world, { ...admin, roles: [] }))).toBe('FORBIDDEN');
    expect(await code(create(world, admin, { ...body, format: 'docx' }))).toBe('VALIDATION_FAILED');
    expect(await code(create(world, admin, { ...body, filters: { organizationId: ORG_B } }))).toBe('FORBIDDEN');
    expect(await code(create(world, admin, { ...body, dataType: 'sessions', format: 'pdf' }))).toBe('ROW_CAP_EXCEEDED');
    expect(world.repo.jobs.size).toBe(0);
    expect(world.queue.sent).toEqual([]);
  });

  it('lets a SuperAdmin export another organization; the job belongs to that organization', async () => {
    const world = fakeServices();
    const job = await create(world, superAdmin, { ...body, filters: { organizationId: ORG_A } });
    expect(job.organizationId).toBe(ORG_A);
  });
});

describe('reading, cancelling and retrying jobs', () => {
  it('hides another tenant’s job exactly like a missing one or a malformed id', async () => {
    const world = fakeServices();
    const job = await create(world);
    for (const id of [job.id, '00000000-0000-4000-8000-000000000000', 'not-a-guid']) {
      expect(await code(getExportJob(world, outsider, id))).toBe('NOT_FOUND');
    }
    expect(await code(getExportJob(world, { ...admin, userId: 'admin-a2' }, job.id)), 'an Admin sees the organization’s').toBe(
      'resolved',
    );
    expect(await code(getExportJob(world, superAdmin, job.id)), 'a SuperAdmin sees every job').toBe('resolved');
    const mine = await create(world, manager);
    expect(await code(getExportJob(world, otherManager, mine.id)), 'a Manager sees only their own').toBe('NOT_FOUND');
    expect((await getExportJob(world, admin, job.id.toUpperCase())).job.id).toBe(job.id);
  });

  it('mints a download URL only for a Completed job, never valid past the file’s expiry', async () => {
    const world = fakeServices({ policy: { sasTtlMinutes: 60, fileTtlHours: 0.5 } });
    const job = await create(world);
    expect((await getExportJob(world, admin, job.id)).downloadUrl).toBeNull();
    await processExport(world, { jobId: job.id, attempt: 1 }, world.logger);
    const { downloadUrl } = await getExportJob(world, admin, job.id);
    const expiry = new URL(downloadUrl!).searchParams.get('se');
    expect(expiry).toBe(new Date(world.clock.now().getTime() + 30 * 60_000).toISOString());
    expect(world.blobs.fetchUrl(downloadUrl!).status).toBe(200);
    // With plenty of file lifetime left, the URL lives its own (shorter) lifetime.
    const longLived = fakeServices({ policy: { sasTtlMinutes: 15, fileTtlHours: 24 } });
    const other = await create(longLived);
    await processExport(longLived, { jobId: other.id, attempt: 1 }, longLived.logger);
    const url = (await getExportJob(longLived, admin, other.id)).downloadUrl!;
    expect(new URL(url).searchParams.get('se')).toBe(new Date(longLived.clock.now().getTime() + 15 * 60_000).toISOString());
  });

  it('streams the file of a Completed job; 409 before, 410 once expired', async () => {
    const world = fakeServices();
    const job = await create(world);
    expect(await code(downloadExport(world, admin, job.id))).toBe('JOB_NOT_COMPLETED');
    await processExport(world, { jobId: job.id, attempt: 1 }, world.logger);
    const { stream, contentLength } = await downloadExport(world, admin, job.id);
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    expect(Buffer.concat(chunks).equals(world.blobs.blobs.get(blobNameOf(job))!.bytes)).toBe(true);
    expect(contentLength).toBe((await world.repo.get(job.id))?.sizeBytes);
    world.clock.advance(24 * 3600);
    expect(await purgeExports(world, world.logger)).toBe(1);
    expect(await code(downloadExport(world, admin, job.id))).toBe('JOB_EXPIRED');
  });

  it('cancels an active job once, and removes a file a dead worker committed', async () => {
    const world = fakeServices();
    const job = await create(world);
    await world.blobs.stageBlock(blobNameOf(job), 'b0', Buffer.from('orphan'));
    await world.blobs.commitBlocks(blobNameOf(job), ['b0'], { contentType: 'text/csv', fileName: job.fileName });
    expect((await cancelExportJob(world, admin, job.id)).status).toBe('Cancelled');
    expect(await world.blobs.exists(blobNameOf(job))).toBe(false);
    expect(await code(cancelExportJob(world, admin, job.id))).toBe('JOB_NOT_CANCELLABLE');
    expect(await code(cancelExportJob(world, outsider, job.id))).toBe('NOT_FOUND');
  });

  it('retries only a Failed, Cancelled or Expired job, as a new job pointing at the old one', async () => {
    const world = fakeServices();
    const job = await create(world);
    expect(await code(retryExportJob(world, admin, job.id, world.logger))).toBe('JOB_NOT_RETRYABLE');
    await cancelExportJob(world, admin, job.id);
    const again = await retryExportJob(world, admin, job.id, world.logger);
    expect(again).toMatchObject({ status: 'Pending', retryOf: job.id, request: job.request });
    expect(again.id).not.toBe(job.id);
    expect((await world.repo.get(job.id))?.status, 'the old job stays as it ended').toBe('Cancelled');
  });

  it('lists the caller’s scope newest first, filtered, in pages that join without gaps', async () => {
    const world = fakeServices();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await create(world, i % 2 ? manager : admin, { ...body, dataType: i < 3 ? 'users' : 'sessions' })).id);
      world.clock.advance(1);
    }
    await cancelExportJob(world, admin, ids[0]!);
    const all = await listExportJobs(world, admin, { limit: '2' });
    const next = await listExportJobs(world, admin, { limit: '2', cursor: all.nextCursor! });
    const last = await listExportJobs(world, admin, { limit: '2', cursor: next.nextCursor! });
    expect([...all.items, ...next.items, ...last.items].map((j) => j.id)).toEqual([...ids].reverse());
    expect(last.nextCursor).toBeNull();
    expect((await listExportJobs(world, manager, {})).items.map((j) => j.id)).toEqual([ids[3], ids[1]]);
    expect((await listExportJobs(world, admin, { status: 'Cancelled' })).items.map((j) => j.id)).toEqual([ids[0]]);
    expect((await listExportJobs(world, admin, { dataType: 'sessions' })).items.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    expect((await listExportJobs(world, outsider, {})).items).toEqual([]);
    expect(await code(listExportJobs(world, admin, { cursor: 'garbage' }))).toBe('VALIDATION_FAILED');
    expect(await code(listExportJobs(world, admin, { limit: '101' }))).toBe('VALIDATION_FAILED');
  });
});

describe('timers and dead letters', () => {
  it('the sweeper re-sends a lost doorbell once it is overdue, and a dead worker’s job', async () => {
    const world = fakeServices({ policy: { resendAfterSeconds: 60, leaseSeconds: 30 } });
    const lost = await create(world);
    world.queue.sent.length = 0;
    expect(await sweepOutbox(world, world.logger)).toBe(0);
    world.clock.advance(61);
    expect(await sweepOutbox(world, world.logger)).toBe(1);
    expect(world.queue.sent.map((s) => s.message)).toEqual([{ jobId: lost.id, attempt: 1 }]);
    // A worker claims it and dies: after its lease expires, the sweeper rings for the next attempt.
    const now = world.clock.now().toISOString();
    await world.repo.apply(
      lost.id,
      lifecycle.claim(now, { token: 'dead', expiresAt: new Date(world.clock.now().getTime() + 30_000).toISOString() }),
    );
    world.queue.sent.length = 0;
    world.clock.advance(29);
    expect(await sweepOutbox(world, world.logger)).toBe(0);
    world.clock.advance(2);
    expect(await sweepOutbox(world, world.logger)).toBe(1);
    expect(world.queue.sent.map((s) => s.message)).toEqual([{ jobId: lost.id, attempt: 2 }]);
  });

  it('the purge deletes files only after they expire and marks those jobs Expired', async () => {
    const world = fakeServices();
    const job = await create(world);
    await processExport(world, { jobId: job.id, attempt: 1 }, world.logger);
    world.clock.advance(24 * 3600 - 1);
    expect(await purgeExports(world, world.logger)).toBe(0);
    expect(await world.blobs.exists(blobNameOf(job))).toBe(true);
    world.clock.advance(1);
    expect(await purgeExports(world, world.logger)).toBe(1);
    expect(await world.blobs.exists(blobNameOf(job))).toBe(false);
    expect((await world.repo.get(job.id))?.status).toBe('Expired');
  });

  it('a dead letter fails an active job with its reason (one line, bounded), and leaves a finished one alone', async () => {
    const world = fakeServices();
    const job = await create(world);
    expect(await deadLetterExport(world, job.id, `MaxDeliveryCountExceeded\r\n${'x'.repeat(500)}`, world.logger)).toBe(true);
    const failed = (await world.repo.get(job.id))!;
    expect(failed.status).toBe('Failed');
    expect(failed.lastError?.code).toBe('DEAD_LETTERED');
    expect(failed.lastError?.message).toBe(
      `The export could not be processed (MaxDeliveryCountExceeded ${'x'.repeat(300 - 'MaxDeliveryCountExceeded '.length)}). Retry it or contact support.`,
    );
    expect(await deadLetterExport(world, job.id, 'again', world.logger)).toBe(false);
  });
});
