import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { deleteWebhook } from '../../../../shared/app/webhooks/deleteWebhook.js';
import { fakeServices, ORG_A } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT } from './webhookWorld.js';

describe('deleteWebhook', () => {
  it('removes the endpoint and audits which one', async () => {
    const world = fakeServices();
    const webhook = await createWebhook(world, admin, { url: ENDPOINT });
    world.clock.advance(5);
    await deleteWebhook(world, admin, webhook.id, { clientAddress: '203.0.113.7', requestId: 'req-1' });
    expect(world.webhooks.webhooks.has(webhook.id)).toBe(false);
    expect(world.audit.records.at(-1)).toMatchObject({
      at: '2026-07-01T00:00:05.000Z',
      action: 'webhook-delete',
      jobId: null,
      organizationId: ORG_A,
      actorId: 'admin-a',
      clientAddress: '203.0.113.7',
      requestId: 'req-1',
      detail: `webhook=${webhook.id}`,
    });
  });
});
