import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { sendDoorbell } from '../../../shared/app/sendDoorbell.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { JobQueue } from '../../../shared/ports/jobQueue.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };

async function pendingJob(world: FakeServices) {
  const job = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } },
    world.logger,
  );
  world.queue.sent.length = 0;
  world.lines.length = 0;
  return job;
}

describe('sendDoorbell', () => {
  it('sends the message and records the doorbell on the job', async () => {
    const world = fakeServices();
    const job = await pendingJob(world);
    world.clock.advance(5);
    expect(await sendDoorbell(world, { jobId: job.id, attempt: 1 }, undefined, world.logger)).toBe(true);
    expect(world.queue.sent).toEqual([{ message: { jobId: job.id, attempt: 1 }, notBefore: undefined }]);
    expect((await world.repo.get(job.id))?.enqueuedAt).toBe('2026-07-01T00:00:05.000Z');
    expect(world.lines).toEqual([]);
  });

  it('a failed send is logged with the error’s name, not thrown, and leaves the job due', async () => {
    const world = fakeServices();
    const job = await pendingJob(world);
    const before = (await world.repo.get(job.id))?.enqueuedAt;
    await world.queue.close();
    expect(await sendDoorbell(world, { jobId: job.id, attempt: 2 }, undefined, world.logger)).toBe(false);
    expect(world.lines).toEqual([
      { level: 'warn', msg: 'queue.send failed; the sweeper will re-send', props: { jobId: job.id, error: 'Error' } },
    ]);
    expect((await world.repo.get(job.id))?.enqueuedAt).toBe(before);
  });

  it('names a thrown non-Error "unknown"', async () => {
    const world = fakeServices();
    const job = await pendingJob(world);
    // What a callback-style client may reject with: not an Error.
    const reason: unknown = 'socket hang up';
    const queue: JobQueue = {
      send: async () => {
        throw reason;
      },
      close: async () => undefined,
    };
    expect(await sendDoorbell({ ...world, queue }, { jobId: job.id, attempt: 1 }, undefined, world.logger)).toBe(false);
    expect(world.lines).toEqual([
      { level: 'warn', msg: 'queue.send failed; the sweeper will re-send', props: { jobId: job.id, error: 'unknown' } },
    ]);
  });
});
