import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deliverWebhook } from '../../../../shared/app/webhooks/deliverWebhook.js';
import type { WebhookSender } from '../../../../shared/ports/webhookSender.js';
import { fakeServices, testPolicy } from '../../../fakes/fakeServices.js';
import { scriptedWebhookSender, type SentWebhook } from '../../../fakes/scriptedWebhookSender.js';
import { testClock, type TestClock } from '../../../support/testClock.js';
import { cancelledJobDelivery, ENDPOINT, webhookLines } from './webhookWorld.js';

/** An endpoint that takes `seconds` of the test clock to answer `statusCode`, or fails with `error`. */
function slowEndpoint(clock: TestClock, seconds: number, answer: number | Error, during?: () => Promise<void>) {
  const sent: SentWebhook[] = [];
  const sender: WebhookSender & { sent: SentWebhook[] } = {
    sent,
    async post(request) {
      sent.push({ url: request.url, headers: request.headers, body: request.body });
      clock.advance(seconds);
      await during?.();
      if (answer instanceof Error) throw answer;
      return { statusCode: answer };
    },
  };
  return sender;
}

/** The ids every line of one delivery carries (the workbook joins on them). */
const idsOf = (d: { id: string; webhookId: string; jobId: string }, attempt: number) => ({
  deliveryId: d.id,
  webhookId: d.webhookId,
  jobId: d.jobId,
  attempt,
});

describe('deliverWebhook: one attempt', () => {
  it('POSTs the stored event with its headers, records the attempt with its duration, logs webhook.delivered', async () => {
    const clock = testClock('2026-07-01T00:00:00.000Z');
    const sender = slowEndpoint(clock, 1.5, 200);
    const world = fakeServices({ clock, sender });
    const d = await cancelledJobDelivery(world);
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('delivered');

    const v1 = createHmac('sha256', world.webhooks.webhooks.get(d.webhookId)?.secret ?? '')
      .update(`1782864000.${d.payload}`)
      .digest('hex');
    expect(sender.sent).toEqual([
      {
        url: ENDPOINT,
        body: d.payload,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'PortalExport-Webhooks/1',
          'Export-Signature': `t=1782864000,v1=${v1}`,
          'Export-Event-Id': d.eventId,
          'Export-Event-Type': 'export_job.cancelled',
          'Export-Delivery-Id': d.id,
          'Export-Delivery-Attempt': '1',
        },
      },
    ]);
    expect(await world.webhooks.getDelivery(d.id)).toMatchObject({
      status: 'Delivered',
      deliveredAt: '2026-07-01T00:00:01.500Z',
      attempts: [{ attempt: 1, at: '2026-07-01T00:00:01.500Z', statusCode: 200, error: null, durationMs: 1500 }],
    });
    expect(webhookLines(world)).toEqual([
      { level: 'info', msg: 'webhook.delivered', props: { ...idsOf(d, 1), statusCode: 200 } },
    ]);
  });

  it('an error status schedules a retry after the backoff, rings its doorbell then and logs webhook.retry scheduled', async () => {
    const clock = testClock('2026-07-01T00:00:00.000Z');
    const world = fakeServices({ clock, sender: slowEndpoint(clock, 2, 500) });
    const d = await cancelledJobDelivery(world);
    const doorbells = world.deliveryQueue.sent.length;
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('retry-scheduled');
    // The first retry waits retryBaseSeconds (30 s) from the end of the attempt.
    expect(await world.webhooks.getDelivery(d.id)).toMatchObject({
      status: 'Pending',
      nextAttemptAt: '2026-07-01T00:00:32.000Z',
      attempts: [
        {
          attempt: 1,
          at: '2026-07-01T00:00:02.000Z',
          statusCode: 500,
          error: 'The endpoint answered HTTP 500.',
          durationMs: 2000,
        },
      ],
    });
    expect(world.deliveryQueue.sent.slice(doorbells)).toEqual([
      { message: { deliveryId: d.id, attempt: 2 }, notBefore: new Date('2026-07-01T00:00:32.000Z') },
    ]);
    expect(webhookLines(world)).toEqual([
      {
        level: 'warn',
        msg: 'webhook.retry scheduled',
        props: { ...idsOf(d, 1), statusCode: 500, nextAttemptAt: '2026-07-01T00:00:32.000Z' },
      },
    ]);
  });

  it('a failure that is not ours to explain is recorded as “The delivery failed.” and retried', async () => {
    const clock = testClock('2026-07-01T00:00:00.000Z');
    const world = fakeServices({ clock, sender: slowEndpoint(clock, 0, new TypeError('socket hang up at 10.0.0.7')) });
    const d = await cancelledJobDelivery(world);
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('retry-scheduled');
    expect((await world.webhooks.getDelivery(d.id))?.attempts).toEqual([
      { attempt: 1, at: '2026-07-01T00:00:00.000Z', statusCode: null, error: 'The delivery failed.', durationMs: 0 },
    ]);
  });

  it('the last attempt that fails fails the delivery for good and logs webhook.failed (not permanent)', async () => {
    const world = fakeServices({
      policy: { webhooks: { ...testPolicy.webhooks, maxAttempts: 1 } },
      sender: scriptedWebhookSender([503]),
    });
    const d = await cancelledJobDelivery(world);
    const doorbells = world.deliveryQueue.sent.length;
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('failed');
    expect(await world.webhooks.getDelivery(d.id)).toMatchObject({ status: 'Failed', nextAttemptAt: null });
    expect(world.deliveryQueue.sent).toHaveLength(doorbells);
    expect(webhookLines(world)).toEqual([
      { level: 'warn', msg: 'webhook.failed', props: { ...idsOf(d, 1), statusCode: 503, permanent: false } },
    ]);
  });

  it('an endpoint removed while the delivery was claimed fails it at once, sending nothing', async () => {
    const sender = scriptedWebhookSender([204]);
    const world = fakeServices({ sender });
    const d = await cancelledJobDelivery(world);
    // The endpoint is deleted between the claim and the read of the endpoint.
    const raced = { ...world, webhooks: { ...world.webhooks, get: async () => undefined } };
    expect(await deliverWebhook(raced, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('failed');
    expect(sender.sent).toEqual([]);
    expect(await world.webhooks.getDelivery(d.id)).toMatchObject({
      status: 'Failed',
      attempts: [
        {
          attempt: 1,
          at: '2026-07-01T00:00:00.000Z',
          statusCode: null,
          error: 'The webhook endpoint was removed.',
          durationMs: 0,
        },
      ],
    });
    expect(webhookLines(world)).toEqual([
      { level: 'warn', msg: 'webhook.failed', props: { ...idsOf(d, 1), statusCode: null, permanent: true } },
    ]);
  });

  it('a delivery another worker holds by the time it is read is skipped: nothing sent, nothing recorded', async () => {
    const sender = scriptedWebhookSender([204]);
    const world = fakeServices({ sender });
    const d = await cancelledJobDelivery(world);
    const store = world.webhooks;
    const raced = {
      ...world,
      webhooks: {
        ...store,
        getDelivery: async (id: string) => {
          const stored = await store.getDelivery(id);
          return stored && { ...stored, leaseToken: 'another-worker' };
        },
      },
    };
    expect(await deliverWebhook(raced, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('skipped');
    expect(sender.sent).toEqual([]);
    expect((await store.getDelivery(d.id))?.attempts).toEqual([]);
    expect(webhookLines(world)).toEqual([]);
  });

  it('a worker whose lease ran out during a slow POST records nothing and schedules nothing', async () => {
    const clock = testClock('2026-07-01T00:00:00.000Z');
    let deliveryId = '';
    // The POST takes longer than the 120 s lease; meanwhile a second worker claims the delivery.
    const sender = slowEndpoint(clock, 121, 500, async () => {
      const claimed = await world.webhooks.claimDelivery(deliveryId, {
        now: clock.now().toISOString(),
        leaseToken: 'second-worker',
        leaseExpiresAt: '2026-07-01T00:04:01.000Z',
      });
      expect(claimed).toBe(true);
    });
    const world = fakeServices({ clock, sender });
    const d = await cancelledJobDelivery(world);
    deliveryId = d.id;
    const doorbells = world.deliveryQueue.sent.length;
    expect(await deliverWebhook(world, { deliveryId: d.id, attempt: 1 }, world.logger)).toBe('skipped');
    expect(sender.sent).toHaveLength(1);
    expect(await world.webhooks.getDelivery(d.id)).toMatchObject({
      status: 'Pending',
      leaseToken: 'second-worker',
      attempts: [],
    });
    expect(world.deliveryQueue.sent).toHaveLength(doorbells);
    expect(webhookLines(world)).toEqual([]);
  });
});
