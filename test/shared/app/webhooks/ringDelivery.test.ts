import { describe, expect, it } from 'vitest';
import { ringDelivery } from '../../../../shared/app/webhooks/ringDelivery.js';
import { fakeServices } from '../../../fakes/fakeServices.js';
import { cancelledJobDelivery, webhookLines } from './webhookWorld.js';

describe('ringDelivery', () => {
  it('sends the doorbell and records when it was sent', async () => {
    const world = fakeServices();
    const d = await cancelledJobDelivery(world);
    world.deliveryQueue.sent.length = 0;
    const notBefore = new Date('2026-07-01T00:05:00.000Z');
    expect(await ringDelivery(world, { deliveryId: d.id, attempt: 2 }, notBefore, world.logger)).toBe(true);
    expect(world.deliveryQueue.sent).toEqual([{ message: { deliveryId: d.id, attempt: 2 }, notBefore }]);
    expect((await world.webhooks.getDelivery(d.id))?.enqueuedAt).toBe('2026-07-01T00:05:00.000Z');
  });

  it('a failed send is logged with the error’s name only, answers false and leaves the delivery for the sweeper', async () => {
    for (const [thrown, logged] of [
      [new RangeError('queue at amqps://user:secret@bus'), 'RangeError'],
      [42, 'unknown'],
    ] satisfies [unknown, string][]) {
      const world = fakeServices();
      const d = await cancelledJobDelivery(world);
      await world.webhooks.recordDoorbell(d.id, '2026-06-30T00:00:00.000Z');
      const broken = {
        ...world,
        deliveryQueue: {
          send: async () => {
            throw thrown as unknown; // a dependency may reject with anything
          },
          close: async () => undefined,
        },
      };
      expect(await ringDelivery(broken, { deliveryId: d.id, attempt: 1 }, undefined, world.logger)).toBe(false);
      expect((await world.webhooks.getDelivery(d.id))?.enqueuedAt).toBe('2026-06-30T00:00:00.000Z');
      expect(webhookLines(world)).toEqual([
        { level: 'warn', msg: 'webhook.send failed; the sweeper will re-send', props: { deliveryId: d.id, error: logged } },
      ]);
    }
  });
});
