import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { announceJobEvent, announceQuietly } from '../../../../shared/app/webhooks/announceJobEvent.js';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { lifecycle } from '../../../../shared/domain/lifecycle.js';
import { fakeServices, type FakeServices } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT, usersExport, webhookLines } from './webhookWorld.js';

/** A job of Acme dead-lettered at the current time whose announcement never ran (a crash right after). */
async function unannouncedFailedJob(world: FakeServices) {
  const job = await createExportJob(world, admin, usersExport, world.logger);
  const at = world.clock.now().toISOString();
  expect(await world.repo.apply(job.id, lifecycle.deadLetter({ code: 'DEAD_LETTERED', message: 'gave up' }, at))).toBe(true);
  return job;
}

describe('announceJobEvent', () => {
  it('one delivery for each endpoint registered by the time the job ended (that instant included), later ones get none', async () => {
    const world = fakeServices();
    const job = await unannouncedFailedJob(world);
    const sameInstant = await createWebhook(world, admin, { url: ENDPOINT });
    world.clock.advance(1);
    await createWebhook(world, admin, { url: `${ENDPOINT}/late` });
    world.lines.length = 0;

    expect(await announceJobEvent(world, job.id, world.logger)).toBe(1);
    const deliveries = [...world.webhooks.deliveries.values()];
    expect(deliveries.map((d) => [d.webhookId, d.eventType, d.jobId])).toEqual([[sameInstant.id, 'export_job.failed', job.id]]);
    expect(world.deliveryQueue.sent).toEqual([{ message: { deliveryId: deliveries[0]?.id, attempt: 1 }, notBefore: undefined }]);
    expect(webhookLines(world)).toEqual([
      { level: 'info', msg: 'webhook.announced', props: { jobId: job.id, type: 'export_job.failed', endpoints: 1 } },
    ]);
  });

  it('with no endpoint it marks the job announced, records nothing and logs nothing', async () => {
    const world = fakeServices();
    const job = await unannouncedFailedJob(world);
    world.lines.length = 0;
    expect(await announceJobEvent(world, job.id, world.logger)).toBe(0);
    expect((await world.repo.get(job.id))?.eventsQueuedAt).toBe('2026-07-01T00:00:00.000Z');
    expect(world.webhooks.deliveries.size).toBe(0);
    expect(world.deliveryQueue.sent).toEqual([]);
    expect(webhookLines(world)).toEqual([]);
  });
});

describe('announceQuietly', () => {
  it('logs a failed announcement (the error’s name only) and leaves the job for the sweeper', async () => {
    for (const [thrown, logged] of [
      [new TypeError('connection reset by 10.0.0.9'), 'TypeError'],
      ['a string, not an Error', 'unknown'],
    ] satisfies [unknown, string][]) {
      const world = fakeServices();
      await createWebhook(world, admin, { url: ENDPOINT });
      const job = await unannouncedFailedJob(world);
      world.lines.length = 0;
      const broken = {
        ...world,
        webhooks: {
          ...world.webhooks,
          listByOrganization: async () => {
            throw thrown as unknown; // a dependency may reject with anything
          },
        },
      };
      await expect(announceQuietly(broken, job.id, world.logger)).resolves.toBeUndefined();
      expect(webhookLines(world)).toEqual([
        { level: 'warn', msg: 'webhook.announce failed; the sweeper will retry', props: { jobId: job.id, error: logged } },
      ]);
      expect((await world.repo.get(job.id))?.eventsQueuedAt).toBeNull();
    }
  });
});
