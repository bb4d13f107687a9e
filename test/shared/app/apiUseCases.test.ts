import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob, submitExportJob } from '../../../shared/app/createExportJob.js';
import { downloadExport } from '../../../shared/app/downloadExport.js';
import { getExportJob } from '../../../shared/app/getExportJob.js';
import { getExportJobAudit } from '../../../shared/app/getExportJobAudit.js';
import { listExportJobs } from '../../../shared/app/listExportJobs.js';
import { processExport } from '../../../shared/app/processExport.js';
import { purgeAuditTrail } from '../../../shared/app/purgeAuditTrail.js';
import { retryExportJob, submitRetry } from '../../../shared/app/retryExportJob.js';
import { openDownload, redirectDownload, streamDownload } from '../../../shared/app/serveDownload.js';
import type { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B, testPolicy, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
const demoted: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: [] };
const superAdmin: Principal = { userId: 'root', organizationId: ORG_B, roles: ['SuperAdmin'] };
const namesakeInB: Principal = { userId: 'root', organizationId: ORG_A, roles: ['Manager'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
const origin = { requestId: 'req-1', clientAddress: '203.0.113.5' };

const code = (p: Promise<unknown>) =>
  p.then(
    () => 'resolved',
    (e: { code?: string }) => e.code,
  );
const error = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: AppError) => e,
  );
const limited = (o: Partial<typeof testPolicy.limits>) => fakeServices({ policy: { limits: { ...testPolicy.limits, ...o } } });
const create = (world: FakeServices, who: Principal = admin, b: object = body, key?: string) =>
  submitExportJob(world, who, b, world.logger, { origin, ...(key ? { idempotencyKey: key } : {}) });
const failed = async (world: FakeServices, who: Principal = admin) => {
  const job = await createExportJob(world, who, body, world.logger);
  await cancelExportJob(world, who, job.id);
  return job;
};

describe('idempotency', () => {
  it('the same key and request return the original job; the same key with another request is 422', async () => {
    const world = fakeServices();
    const first = await create(world, admin, body, 'key-1');
    const again = await create(world, admin, { ...body, columns: undefined }, 'key-1');
    expect(again).toMatchObject({ replayed: true, job: { id: first.job.id } });
    expect(again.rateLimit, 'a replay starts nothing').toBeUndefined();
    expect(await code(create(world, admin, { ...body, format: 'json' }, 'key-1'))).toBe('IDEMPOTENCY_KEY_REUSED');
    // Keys belong to their sender: another user (or a namesake elsewhere) with the same key is someone else.
    expect((await create(world, manager, body, 'key-1')).job.id).not.toBe(first.job.id);
    expect(world.repo.jobs.size).toBe(2);
    expect(world.queue.sent).toHaveLength(2);
  });

  it('honours a key for 24 hours, then lets it be used again', async () => {
    const world = fakeServices();
    const first = await create(world, admin, body, 'key-2');
    world.clock.advance(24 * 3600 - 1);
    expect((await create(world, admin, body, 'key-2')).job.id).toBe(first.job.id);
    world.clock.advance(2);
    const later = await create(world, admin, { ...body, format: 'json' }, 'key-2');
    expect(later).toMatchObject({ replayed: false });
    expect(later.job.id).not.toBe(first.job.id);
  });

  it('concurrent requests with one key create one job', async () => {
    const world = fakeServices();
    const all = await Promise.all(Array.from({ length: 12 }, () => create(world, admin, body, 'key-3')));
    expect(new Set(all.map((s) => s.job.id)).size).toBe(1);
    expect(all.filter((s) => !s.replayed)).toHaveLength(1);
    expect(world.repo.jobs.size).toBe(1);
  });

  it('refuses a malformed key with 400 and creates nothing', async () => {
    const world = fakeServices();
    for (const key of ['has space', 'ü', 'x'.repeat(256)])
      expect(await code(create(world, admin, body, key))).toBe('VALIDATION_FAILED');
    expect(world.repo.jobs.size).toBe(0);
  });
});

describe('retry', () => {
  it('needs a role that may create: a caller without one gets 403, not a new job', async () => {
    const world = fakeServices();
    const job = await failed(world, manager);
    expect(await code(retryExportJob(world, demoted, job.id, world.logger))).toBe('FORBIDDEN');
    expect(world.repo.jobs.size).toBe(1);
  });

  it('concurrent retries of one job create one new job; a retry while one runs gets the running one', async () => {
    const world = fakeServices();
    const job = await failed(world);
    const all = await Promise.all(Array.from({ length: 20 }, () => submitRetry(world, admin, job.id, world.logger)));
    expect(new Set(all.map((s) => s.job.id)).size).toBe(1);
    expect(world.repo.jobs.size).toBe(2);
    const running = all[0]!.job;
    await cancelExportJob(world, admin, running.id);
    const next = await retryExportJob(world, admin, job.id, world.logger);
    expect(next.id).not.toBe(running.id);
    expect(next.retryOf).toBe(job.id);
  });
});

describe('limits, checked before anything is written', () => {
  it('refuses a date span over the maximum and dates outside the supported range with 400', async () => {
    const world = limited({ maxDateSpanDays: 31 });
    const span = await error(create(world, admin, { ...body, dateRange: { from: '2026-01-01', to: '2026-02-01' } }));
    expect(span).toMatchObject({ code: 'VALIDATION_FAILED', options: { details: [{ field: 'dateRange' }] } });
    expect(await code(create(world, admin, { ...body, dateRange: { from: '2026-01-01', to: '2026-01-31' } }))).toBe('resolved');
    for (const dateRange of [
      { from: '0001-01-01', to: '0001-01-02' },
      { from: '9999-12-30', to: '9999-12-31' },
    ]) {
      expect(await code(create(world, admin, { ...body, dateRange })), JSON.stringify(dateRange)).toBe('VALIDATION_FAILED');
    }
    expect(world.repo.jobs.size).toBe(1);
  });

  it('counts rows first for every format: over the cap is 422', async () => {
    const world = limited({ maxRows: 5 });
    expect(await code(create(world, admin, { ...body, dataType: 'sessions' }))).toBe('ROW_CAP_EXCEEDED');
    expect(
      await code(create(world, admin, { ...body, dataType: 'analytics', dateRange: { from: '2026-01-01', to: '2026-01-05' } })),
    ).toBe('resolved');
    expect(world.repo.jobs.size).toBe(1);
  });

  it('caps active jobs per user and per organization: 429 with Retry-After', async () => {
    const world = limited({ maxActiveJobsPerUser: 2, maxActiveJobsPerOrganization: 3 });
    await create(world, admin);
    await create(world, admin);
    const mine = await error(create(world, admin));
    expect(mine).toMatchObject({ code: 'QUOTA_EXCEEDED', options: { retryAfterSeconds: 30 } });
    await create(world, manager);
    expect(await code(create(world, { ...manager, userId: 'manager-b' }))).toBe('QUOTA_EXCEEDED');
    // A finished job frees its place.
    const [oldest] = await listExportJobs(world, admin, { limit: '100' }).then((p) => p.items.slice(-1));
    await cancelExportJob(world, admin, oldest!.id);
    expect(await code(create(world, { ...manager, userId: 'manager-b' }))).toBe('resolved');
    expect(await code(create(world, superAdmin, { ...body, filters: { organizationId: ORG_B } }))).toBe('resolved');
  });

  it('limits the rate of starting exports per user (a sliding minute), telling the state', async () => {
    const world = limited({ createRate: { limit: 3, windowSeconds: 60 } });
    const states = [];
    for (let i = 0; i < 3; i++) {
      states.push((await create(world)).rateLimit);
      world.clock.advance(10);
    }
    expect(states.map((s) => s?.remaining)).toEqual([2, 1, 0]);
    const refused = await error(create(world));
    expect(refused).toMatchObject({
      code: 'RATE_LIMITED',
      options: { retryAfterSeconds: 30, rateLimit: { limit: 3, remaining: 0, resetSeconds: 30, windowSeconds: 60 } },
    });
    expect(await code(create(world, manager)), 'another user has their own window').toBe('resolved');
    world.clock.advance(30);
    expect(await code(create(world))).toBe('resolved');
  });
});

describe('authorization at every use', () => {
  it('a caller whose roles were removed may do nothing, not even with their own jobs (403)', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, manager, body, world.logger);
    expect(await code(getExportJob(world, demoted, job.id))).toBe('FORBIDDEN');
    expect(await code(listExportJobs(world, demoted, {}))).toBe('FORBIDDEN');
    expect(await code(cancelExportJob(world, demoted, job.id))).toBe('FORBIDDEN');
    expect(await code(downloadExport(world, demoted, job.id))).toBe('FORBIDDEN');
    expect(await code(getExportJob(world, demoted, '00000000-0000-4000-8000-000000000000')), 'whatever the id').toBe('FORBIDDEN');
  });

  it('a SuperAdmin lists its own organization’s jobs and the ones it created elsewhere; a namesake sees none of them', async () => {
    const world = fakeServices();
    const elsewhere = await createExportJob(world, superAdmin, { ...body, filters: { organizationId: ORG_A } }, world.logger);
    const home = await createExportJob(world, superAdmin, body, world.logger);
    const other = await createExportJob(world, admin, body, world.logger);
    const listed = (await listExportJobs(world, superAdmin, {})).items.map((j) => j.id);
    expect(listed.sort()).toEqual([elsewhere.id, home.id].sort());
    expect(listed).not.toContain(other.id);
    expect(elsewhere).toMatchObject({ organizationId: ORG_A, createdBy: 'root', createdByOrganizationId: ORG_B });
    // A Manager of A whose user id happens to be "root" did not create it.
    expect(await code(getExportJob(world, namesakeInB, elsewhere.id))).toBe('NOT_FOUND');
    expect((await listExportJobs(world, namesakeInB, {})).items).toEqual([]);
  });
});

describe('audit trail', () => {
  it('records create, SAS URL, download, cancel and retry with who, when, where; readable by Admins and SuperAdmins only', async () => {
    const world = fakeServices();
    const job = (await create(world, manager)).job;
    await processExport(world, { jobId: job.id, attempt: 1 }, world.logger);
    await getExportJob(world, manager, job.id, origin);
    const file = await openDownload(world, manager, job.id);
    await redirectDownload(world, manager, file, origin);
    const part = await streamDownload(world, manager, file, { offset: 0, count: 4 }, origin);
    expect(part.contentLength).toBe(4);
    const retried = await failed(world, manager);
    const again = await submitRetry(world, manager, retried.id, world.logger, { origin });
    const trail = await getExportJobAudit(world, admin, job.id, {});
    expect(trail.items.map((r) => [r.action, r.detail])).toEqual([
      ['create', null],
      ['sas-url', null],
      ['sas-url', 'redirect'],
      ['download', 'bytes=0-3'],
    ]);
    expect(trail.items[0]).toMatchObject({ actorId: 'manager-a', actorOrganizationId: ORG_A, organizationId: ORG_A, ...origin });
    expect((await getExportJobAudit(world, superAdmin, again.job.id, {})).items.map((r) => [r.action, r.detail])).toEqual([
      ['retry', `retryOf=${retried.id}`],
    ]);
    expect((await getExportJobAudit(world, admin, retried.id, {})).items.map((r) => r.action)).toEqual(['create', 'cancel']);
    expect(await code(getExportJobAudit(world, manager, job.id, {})), 'even the creator, as a Manager').toBe('FORBIDDEN');
    expect(await code(getExportJobAudit(world, { ...admin, organizationId: ORG_B }, job.id, {}))).toBe('NOT_FOUND');
    const paged = await getExportJobAudit(world, admin, job.id, { limit: '3' });
    const rest = await getExportJobAudit(world, admin, job.id, { cursor: paged.nextCursor! });
    expect([...paged.items, ...rest.items]).toEqual(trail.items);
    expect(await code(getExportJobAudit(world, admin, job.id, { cursor: 'x' }))).toBe('VALIDATION_FAILED');
  });

  it('keeps records for the retention only', async () => {
    const world = fakeServices({ policy: { auditRetentionDays: 1 } });
    const job = (await create(world)).job;
    world.clock.advance(86_399);
    expect(await purgeAuditTrail(world, world.logger)).toBe(0);
    world.clock.advance(2);
    expect(await purgeAuditTrail(world, world.logger)).toBe(1);
    expect((await getExportJobAudit(world, admin, job.id, {})).items).toEqual([]);
  });
});

describe('fair claim order', () => {
  it('a free worker serves the organization with nothing running before another job of a busy one', async () => {
    const world = fakeServices();
    const a = [];
    for (let i = 0; i < 3; i++) {
      a.push(await createExportJob(world, admin, body, world.logger));
      world.clock.advance(1);
    }
    const b = await createExportJob(world, superAdmin, body, world.logger);
    // A's first job is running (claimed, lease held): A's next doorbell goes to B's job.
    await world.repo.apply(
      a[0]!.id,
      (await import('../../../shared/domain/lifecycle.js')).lifecycle.claim(world.clock.now().toISOString(), {
        token: 'running',
        expiresAt: new Date(world.clock.now().getTime() + 600_000).toISOString(),
      }),
    );
    expect(await processExport(world, { jobId: a[1]!.id, attempt: 1 }, world.logger)).toBe('completed');
    expect((await world.repo.get(b.id))?.status).toBe('Completed');
    expect((await world.repo.get(a[1]!.id))?.status).toBe('Pending');
    // B's doorbell finds B done and serves A's oldest waiting job: no job is left without a doorbell.
    expect(await processExport(world, { jobId: b.id, attempt: 1 }, world.logger)).toBe('completed');
    expect((await world.repo.get(a[1]!.id))?.status).toBe('Completed');
    expect(world.lines.some((l) => l.msg === 'export.claimed in fair order')).toBe(true);
  });
});
