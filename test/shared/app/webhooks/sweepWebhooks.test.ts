import { describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../../../shared/app/webhooks/deliverWebhook.js';
import { sweepWebhooks } from '../../../../shared/app/webhooks/sweepWebhooks.js';
import { fakeServices } from '../../../fakes/fakeServices.js';
import { cancelledJobDelivery, webhookLines } from './webhookWorld.js';

describe('sweepWebhooks', () => {
  it('with nothing to do it does nothing and logs nothing', async () => {
    const world = fakeServices();
    await cancelledJobDelivery(world); // announced and rung just now: nothing is overdue
    const doorbells = world.deliveryQueue.sent.length;
    expect(await sweepWebhooks(world, world.logger)).toEqual({ announced: 0, rung: 0, purged: 0 });
    expect(world.deliveryQueue.sent).toHaveLength(doorbells);
    expect(webhookLines(world)).toEqual([]);
  });

  it('re-rings a delivery whose doorbell is resendAfterSeconds (60 s) old, not a second earlier, for its next attempt', async () => {
    const world = fakeServices();
    const d = await cancelledJobDelivery(world); // doorbell at 00:00:00
    world.deliveryQueue.sent.length = 0;
    world.clock.advance(59);
    expect(await sweepWebhooks(world, world.logger)).toEqual({ announced: 0, rung: 0, purged: 0 });
    world.clock.advance(1);
    expect(await sweepWebhooks(world, world.logger)).toEqual({ announced: 0, rung: 1, purged: 0 });
    expect(world.deliveryQueue.sent).toEqual([{ message: { deliveryId: d.id, attempt: 1 }, notBefore: undefined }]);
    expect((await world.webhooks.getDelivery(d.id))?.enqueuedAt).toBe('2026-07-01T00:01:00.000Z');
    expect(webhookLines(world)).toEqual([{ level: 'info', msg: 'webhook.sweep', props: { announced: 0, rung: 1, purged: 0 } }]);
  });

  it('a re-rung delivery whose worker died mid-attempt gets the attempt after the stored one', async () => {
    const world = fakeServices();
    const d = await cancelledJobDelivery(world);
    // A worker claims attempt 1 and dies: its 120 s lease runs out.
    await world.webhooks.claimDelivery(d.id, {
      now: '2026-07-01T00:00:00.000Z',
      leaseToken: 'dead-worker',
      leaseExpiresAt: '2026-07-01T00:02:00.000Z',
    });
    world.deliveryQueue.sent.length = 0;
    world.clock.advance(121);
    expect((await sweepWebhooks(world, world.logger)).rung).toBe(1);
    expect(world.deliveryQueue.sent.map((s) => s.message)).toEqual([{ deliveryId: d.id, attempt: 2 }]);
  });

  it('keeps finished deliveries 30 days in the log, purges them after', async () => {
    const world = fakeServices();
    const d = await cancelledJobDelivery(world);
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('delivered');
    world.lines.length = 0;
    world.clock.advance(30 * 86_400);
    expect(await sweepWebhooks(world, world.logger)).toEqual({ announced: 0, rung: 0, purged: 0 });
    expect(world.webhooks.deliveries.has(d.id)).toBe(true);
    expect(webhookLines(world)).toEqual([]);
    world.clock.advance(0.001);
    expect(await sweepWebhooks(world, world.logger)).toEqual({ announced: 0, rung: 0, purged: 1 });
    expect(world.webhooks.deliveries.has(d.id)).toBe(false);
    expect(webhookLines(world)).toEqual([{ level: 'info', msg: 'webhook.sweep', props: { announced: 0, rung: 0, purged: 1 } }]);
  });
});
