import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { claimJob } from '../../../shared/app/export/claimJob.js';
import type { Checkpoint } from '../../../shared/app/export/checkpoint.js';
import { keepLease } from '../../../shared/app/export/lease.js';
import { queuePositions } from '../../../shared/app/queuePositions.js';
import { lifecycle } from '../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { progressOf } from '../../../shared/domain/progress.js';
import { jobResource } from '../../../shared/http/jobResource.js';
import { storedJob } from '../../support/storedJob.js';
import { fakeServices, ORG_A, ORG_B } from '../../fakes/fakeServices.js';

const adminA: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const adminB: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
const march = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };

describe('progress: total, percent, rate, ETA', () => {
  it('counts the rows once at the first claim, under the snapshot, and a retry keeps the count', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, adminA, march, world.logger);
    expect((await world.repo.get(job.id))?.rowsTotal).toBeNull();
    const claimed = await claimJob(world, job.id, 'lease-1');
    const expected = world.fixture.sessions.filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01' && s.startedAt < '2026-04-01',
    ).length;
    expect(expected).toBeGreaterThan(0);
    expect(claimed?.rowsTotal).toBe(expected);
    // A second attempt (lease expired) does not count again: the snapshot and total are fixed.
    await world.repo.apply(
      job.id,
      lifecycle.scheduleRetry('lease-1', { code: 'X', message: 'x' }, world.clock.now().toISOString()),
    );
    await world.source.addSessions([
      {
        ...world.fixture.sessions.find((s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-02')!,
        id: 'ffffffff-0000-4000-8000-000000000001',
      },
    ]);
    const again = await claimJob(world, job.id, 'lease-2');
    expect(again?.rowsTotal).toBe(expected);
  });

  it('a completed export shows 100 % and its row count; the analytics total is the days of the range', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, adminA, { ...march, dataType: 'analytics' }, world.logger);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    const done = (await world.repo.get(job.id))!;
    expect(done.rowsTotal).toBe(31);
    expect(jobResource(done, null).progress).toMatchObject({ rowsWritten: 31, rowsTotal: 31, percent: 100, etaSeconds: null });
  });

  it('the heartbeat writes the attempt’s own rate (a resumed attempt does not count the rows before it)', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, adminA, march, world.logger);
    await claimJob(world, job.id, 'lease-1');
    const lease = keepLease(world, job.id, 'lease-1', 1000);
    world.clock.advance(4);
    await lease.beat(3000);
    const stored = (await world.repo.get(job.id))!;
    expect(stored.rowsPerSecond).toBe(500); // (3000 − 1000) rows in 4 s
    expect(stored.progressAt).toBe(world.clock.now().toISOString());
  });

  it('never shows fewer rows than before within an attempt: a checkpoint staged late keeps its own rows', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, adminA, march, world.logger);
    await claimJob(world, job.id, 'lease-1');
    const lease = keepLease(world, job.id, 'lease-1');
    await lease.beat(6000);
    const late: Checkpoint = { v: 2, after: ['2026-03-02', 'k'], rows: 4000, blocks: ['b0'], bytes: 10, hash: 'h' };
    await lease.beat(4000, late);
    const stored = (await world.repo.get(job.id))!;
    expect(stored.rowsWritten).toBe(6000);
    expect(JSON.parse(stored.checkpoint ?? '{}')).toMatchObject({ rows: 4000 });
  });

  it('percent, rate and ETA from the stored figures; nothing is guessed when a figure is missing', () => {
    const running = storedJob({
      status: 'Processing',
      rowsWritten: 2500,
      rowsTotal: 10_000,
      rowsPerSecond: 500,
      progressAt: '2026-07-01T00:00:05.000Z',
    });
    expect(progressOf(running)).toEqual({
      rowsWritten: 2500,
      rowsTotal: 10_000,
      percent: 25,
      rowsPerSecond: 500,
      etaSeconds: 15,
      queuePosition: null,
      updatedAt: '2026-07-01T00:00:05.000Z',
    });
    expect(progressOf(storedJob({ status: 'Processing', rowsWritten: 1, rowsTotal: 3 })).percent).toBe(33.3);
    expect(progressOf(storedJob({ status: 'Processing', rowsWritten: 10, rowsTotal: null, rowsPerSecond: 5 }))).toMatchObject({
      percent: null,
      etaSeconds: null,
    });
    expect(progressOf(storedJob({ status: 'Processing', rowsTotal: 0 })).percent).toBe(0);
    // Only a Pending job has a queue position; only a Processing one a rate.
    expect(progressOf(storedJob({ status: 'Pending' }), 3).queuePosition).toBe(3);
    expect(progressOf(storedJob({ status: 'Processing', rowsPerSecond: 9 }), 3)).toMatchObject({
      queuePosition: null,
      rowsPerSecond: 9,
    });
    expect(progressOf(storedJob({ status: 'Failed', rowsPerSecond: 9, rowsWritten: 4, rowsTotal: 8 }))).toMatchObject({
      rowsPerSecond: null,
      percent: 50,
    });
  });
});

describe('queue position', () => {
  it('follows the fair claim order: an organization with nothing running goes before an older backlog', async () => {
    const world = fakeServices();
    const a1 = await createExportJob(world, adminA, march, world.logger);
    world.clock.advance(1);
    const a2 = await createExportJob(world, adminA, march, world.logger);
    world.clock.advance(1);
    const a3 = await createExportJob(world, adminA, march, world.logger);
    world.clock.advance(1);
    const b1 = await createExportJob(world, adminB, march, world.logger);
    const all = async () => Promise.all([a1, a2, a3, b1].map(async (j) => (await world.repo.get(j.id))!));
    expect([...(await queuePositions(world, await all())).entries()]).toEqual([
      [a1.id, 1],
      [a2.id, 2],
      [a3.id, 3],
      [b1.id, 4],
    ]);
    // Acme's first export runs: Globex's job now goes before Acme's backlog.
    await claimJob(world, a1.id, 'lease');
    const positions = await queuePositions(world, await all());
    expect([positions.get(b1.id), positions.get(a2.id), positions.get(a3.id), positions.get(a1.id)]).toEqual([
      1,
      2,
      3,
      undefined,
    ]);
    // A job waiting for a backoff retry is not claimable: no position.
    await world.repo.apply(a1.id, lifecycle.scheduleRetry('lease', { code: 'X', message: 'x' }, '2099-01-01T00:00:00.000Z'));
    expect((await queuePositions(world, await all())).get(a1.id)).toBeUndefined();
  });

  it('asks the repository nothing when no job is Pending', async () => {
    const world = fakeServices();
    let asked = 0;
    const repo = {
      ...world.repo,
      find: async (...args: Parameters<typeof world.repo.find>) => (asked++, world.repo.find(...args)),
    };
    expect((await queuePositions({ ...world, repo }, [storedJob({ status: 'Completed' })])).size).toBe(0);
    expect(asked).toBe(0);
  });
});
