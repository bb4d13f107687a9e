import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { claimJob } from '../../../shared/app/export/claimJob.js';
import { keepLease } from '../../../shared/app/export/lease.js';
import { openJobWatch, watchExportJob, type JobChange, type Quiet } from '../../../shared/app/watchExportJob.js';
import { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { sseComment, sseFrame } from '../../../shared/http/serverSentEvents.js';
import { fakeServices, ORG_A, ORG_B, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const otherTenant: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
const body = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };
const options = { pollMs: 1000, maxSeconds: 60, quietMs: 15_000 };

/** The next item of the watch, moving the test clock until it comes (or the watch ends). */
async function next(world: FakeServices, watch: AsyncGenerator<JobChange | Quiet>) {
  const pending = watch.next();
  let settled = false;
  void pending.then(() => (settled = true));
  for (let i = 0; i < 200 && !settled; i++) await world.clock.tick(250);
  if (!settled) throw new Error('the watch produced nothing in 50 s of test time');
  return pending;
}

describe('watchExportJob', () => {
  it('tells the status first, then progress as the worker writes it, and ends with the terminal state', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const watch = watchExportJob(world, await openJobWatch(world, admin, job.id), options);
    const first = (await next(world, watch)).value as JobChange;
    expect(first).toMatchObject({ kind: 'status', last: false, queuePosition: 1 });
    expect(first.job.status).toBe('Pending');

    await claimJob(world, job.id, 'lease');
    const processing = (await next(world, watch)).value as JobChange;
    expect(processing).toMatchObject({ kind: 'status', last: false, queuePosition: null });
    expect(processing.job.status).toBe('Processing');

    await keepLease(world, job.id, 'lease').beat(5);
    const moved = (await next(world, watch)).value as JobChange;
    expect(moved.kind).toBe('progress');
    expect(moved.job.rowsWritten).toBe(5);

    await cancelExportJob(world, admin, job.id);
    const end = (await next(world, watch)).value as JobChange;
    expect(end).toMatchObject({ kind: 'status', last: true });
    expect(end.job.status).toBe('Cancelled');
    expect((await next(world, watch)).done).toBe(true);
  });

  it('does not repeat the state named by Last-Event-ID, and sends keep-alives while nothing changes', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const seen = ((await next(world, watchExportJob(world, job, options))).value as JobChange).id;
    const resumed = watchExportJob(world, job, { ...options, lastEventId: seen });
    expect((await next(world, resumed)).value).toEqual({ quiet: true });
    await claimJob(world, job.id, 'lease');
    const change = (await next(world, resumed)).value as JobChange;
    expect(change.job.status).toBe('Processing');
    expect(change.id).not.toBe(seen);
  });

  it('ends after maxSeconds while the job still runs (the client reconnects)', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const watch = watchExportJob(world, job, { ...options, maxSeconds: 5 });
    expect((await next(world, watch)).done).toBe(false);
    const started = world.clock.now().getTime();
    expect((await next(world, watch)).done).toBe(true);
    expect(world.clock.now().getTime() - started).toBeLessThanOrEqual(6000);
  });

  it('names each state by status, attempt, rows and queue position ("-" when not queued)', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const watch = watchExportJob(world, job, options);
    expect(((await next(world, watch)).value as JobChange).id).toBe('Pending.0.0.1');
    await claimJob(world, job.id, 'lease');
    expect(((await next(world, watch)).value as JobChange).id).toBe('Processing.1.0.-');
    await keepLease(world, job.id, 'lease').beat(5);
    expect(((await next(world, watch)).value as JobChange).id).toBe('Processing.1.5.-');
  });

  it('a keep-alive comes exactly quietMs after the last event, not a poll later', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const watch = watchExportJob(world, job, { pollMs: 1000, maxSeconds: 60, quietMs: 3000 });
    const first = watch.next();
    // tick(0) lets the watch run at this instant: promises settle, time does not move.
    await world.clock.tick(0);
    expect(((await first).value as JobChange).kind).toBe('status');
    let settled = false;
    const quiet = watch.next().then((r) => ((settled = true), r));
    await world.clock.tick(1000);
    await world.clock.tick(1000);
    expect(settled, 'nothing after 2 s').toBe(false);
    await world.clock.tick(1000);
    expect(settled, 'the keep-alive at 3 s').toBe(true);
    expect((await quiet).value).toEqual({ quiet: true });
  });

  it('ends exactly maxSeconds after it started, not a poll later', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const watch = watchExportJob(world, job, { pollMs: 1000, maxSeconds: 3, quietMs: 60_000 });
    const first = watch.next();
    await world.clock.tick(0);
    expect((await first).done).toBe(false);
    let settled = false;
    const end = watch.next().then((r) => ((settled = true), r));
    await world.clock.tick(2000);
    expect(settled, 'still open after 2 s').toBe(false);
    await world.clock.tick(1000);
    expect(settled, 'over at 3 s').toBe(true);
    expect((await end).done).toBe(true);
  });

  it('has the authorization of GET: another tenant’s job is a 404 before any event', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const refused = await openJobWatch(world, otherTenant, job.id).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).code).toBe('NOT_FOUND');
  });
});

describe('Server-Sent Events framing', () => {
  it('writes one data line per payload line and keeps ids and names on one line', () => {
    expect(sseFrame({ id: 'a\nb', event: 'status', data: '{"x":1}\nsecond' })).toBe(
      'id: a b\nevent: status\ndata: {"x":1}\ndata: second\n\n',
    );
    expect(sseComment('keep\nalive')).toBe(': keep alive\n\n');
  });
});
