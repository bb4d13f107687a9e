import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { claimJob } from '../../../../shared/app/export/claimJob.js';
import { keepLease } from '../../../../shared/app/export/lease.js';
import { AppError } from '../../../../shared/domain/errors.js';
import type { ExportJob } from '../../../../shared/domain/job.js';
import { lifecycle } from '../../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };

/** A job claimed under `lease-1` (progress interval 1 s, the test policy's). */
async function claimed(world: FakeServices): Promise<ExportJob> {
  const job = await createExportJob(world, admin, march, world.logger);
  expect(await claimJob(world, job.id, 'lease-1')).toBeDefined();
  return job;
}

async function rowsShown(world: FakeServices, id: string): Promise<number | undefined> {
  return (await world.repo.get(id))?.rowsWritten;
}

describe('keepLease', () => {
  it('beatIfDue writes only once the progress interval (1 s) has passed since the start, to the millisecond', async () => {
    const world = fakeServices();
    const job = await claimed(world);
    const lease = keepLease(world, job.id, 'lease-1');
    await lease.beatIfDue(10);
    expect(await rowsShown(world, job.id), 'not at once').toBe(0);
    await world.clock.tick(999);
    await lease.beatIfDue(20);
    expect(await rowsShown(world, job.id), 'not after 999 ms').toBe(0);
    await world.clock.tick(1);
    await lease.beatIfDue(30);
    expect(await world.repo.get(job.id)).toMatchObject({
      rowsWritten: 30,
      progressAt: '2026-07-01T00:00:01.000Z',
      leaseExpiresAt: '2026-07-01T00:02:01.000Z',
    });
  });

  it('beatIfDue counts the interval from the last write, an explicit beat included', async () => {
    const world = fakeServices();
    const job = await claimed(world);
    const lease = keepLease(world, job.id, 'lease-1');
    await world.clock.tick(5000);
    await lease.beat(100);
    await world.clock.tick(999);
    await lease.beatIfDue(200);
    expect(await rowsShown(world, job.id), '999 ms after the beat').toBe(100);
    await world.clock.tick(1);
    await lease.beatIfDue(300);
    expect(await rowsShown(world, job.id), '1000 ms after the beat').toBe(300);
    await world.clock.tick(999);
    await lease.beatIfDue(400);
    expect(await rowsShown(world, job.id), '999 ms after the due beat').toBe(300);
  });

  it('a beat at the very start records no rate (no time has passed to divide by)', async () => {
    const world = fakeServices();
    const job = await claimed(world);
    await keepLease(world, job.id, 'lease-1').beat(50);
    expect(await world.repo.get(job.id)).toMatchObject({ rowsWritten: 50, rowsPerSecond: null });
  });

  it('a beat after the job was cancelled throws LEASE_LOST saying why', async () => {
    const world = fakeServices();
    const job = await claimed(world);
    const lease = keepLease(world, job.id, 'lease-1');
    await world.repo.apply(job.id, lifecycle.cancel(world.clock.now().toISOString()));
    const error = await lease.beat(10).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'LEASE_LOST',
      message: 'The job was cancelled or taken over by another attempt.',
    });
    await world.clock.tick(1000);
    await expect(lease.beatIfDue(20)).rejects.toMatchObject({ code: 'LEASE_LOST' });
  });
});
