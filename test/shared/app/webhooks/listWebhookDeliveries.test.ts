import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { listWebhookDeliveries } from '../../../../shared/app/webhooks/listWebhookDeliveries.js';
import { fakeServices } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT, refusalOf, usersExport } from './webhookWorld.js';

/** An endpoint with four deliveries, one a second apart (cancelled jobs), and their ids newest first. */
async function fourDeliveries() {
  const world = fakeServices();
  const webhook = await createWebhook(world, admin, { url: ENDPOINT });
  const jobIds: string[] = [];
  for (let i = 0; i < 4; i++) {
    const job = await createExportJob(world, admin, usersExport, world.logger);
    await cancelExportJob(world, admin, job.id);
    jobIds.push(job.id);
    world.clock.advance(1);
  }
  return { world, webhook, newestFirst: jobIds.reverse() };
}

describe('listWebhookDeliveries', () => {
  it('a page as long as the limit has a next page only if more are left; the next page starts after the last shown', async () => {
    const { world, webhook, newestFirst } = await fourDeliveries();
    const all = await listWebhookDeliveries(world, admin, webhook.id, { limit: '4' });
    expect(all.items.map((d) => d.jobId)).toEqual(newestFirst);
    expect(all.nextCursor).toBeNull();

    const first = await listWebhookDeliveries(world, admin, webhook.id, { limit: '3' });
    expect(first.items.map((d) => d.jobId)).toEqual(newestFirst.slice(0, 3));
    expect(first.nextCursor).not.toBeNull();
    const second = await listWebhookDeliveries(world, admin, webhook.id, { limit: '3', cursor: first.nextCursor ?? '' });
    expect(second.items.map((d) => d.jobId)).toEqual(newestFirst.slice(3));
    expect(second.nextCursor).toBeNull();
  });

  it('an invalid query is refused with what is wrong with it', async () => {
    const { world, webhook } = await fourDeliveries();
    expect(await refusalOf(listWebhookDeliveries(world, admin, webhook.id, { limit: '0' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The query is invalid.',
      details: [{ field: 'limit', message: 'Too small: expected number to be >=1' }],
    });
  });
});
