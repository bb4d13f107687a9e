import { randomUUID } from 'node:crypto';
import { addSeconds } from '../../domain/dates.js';
import { isAppError } from '../../domain/errors.js';
import { accepted, retryDelaySeconds, type DeliveryAttempt } from '../../domain/webhooks.js';
import type { DeliveryMessage } from '../../ports/jobQueue.js';
import type { Logger } from '../../ports/logger.js';
import type { Services } from '../services.js';
import { ringDelivery } from './ringDelivery.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export type DeliveryOutcome = 'delivered' | 'retry-scheduled' | 'failed' | 'skipped';

/** A worker holds a delivery this long at most (the endpoint's timeout plus room). */
const LEASE_SECONDS = 120;

/**
 * One delivery attempt: claim the delivery under a lease (a duplicate doorbell finds nothing to
 * claim), sign the stored payload with the endpoint's secret(s) and a fresh timestamp, POST it,
 * and record the attempt in the delivery log. A 2xx is delivered; anything else (an error status,
 * a redirect, a timeout, a network failure) is retried with exponential backoff until the attempts
 * run out; a target that resolves to a private address is refused for good (SSRF), as is a
 * delivery whose endpoint was removed. Throws only when the database cannot be reached.
 */
export async function deliverWebhook(services: Services, message: DeliveryMessage, log: Logger): Promise<DeliveryOutcome> {
  const { webhooks, clock, policy } = services;
  const leaseToken = randomUUID();
  const claimedAt = clock.now();
  const claimed = await webhooks.claimDelivery(message.deliveryId, {
    now: claimedAt.toISOString(),
    leaseToken,
    leaseExpiresAt: addSeconds(claimedAt, LEASE_SECONDS),
  });
  const delivery = claimed ? await webhooks.getDelivery(message.deliveryId) : undefined;
  if (!delivery || delivery.leaseToken !== leaseToken) return 'skipped';
  const dlog = log.child({
    deliveryId: delivery.id,
    webhookId: delivery.webhookId,
    jobId: delivery.jobId,
    attempt: delivery.attempt,
  });
  const webhook = await webhooks.get(delivery.webhookId);

  const started = clock.now();
  let statusCode: number | null = null;
  let error: string | null = null;
  let permanent = false;
  if (!webhook) {
    error = 'The webhook endpoint was removed.';
    permanent = true;
  } else {
    try {
      const response = await services.webhookSender.post({
        url: webhook.url,
        body: delivery.payload,
        timeoutMs: policy.webhooks.timeoutMs,
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'PortalExport-Webhooks/1',
          [SIGNATURE_HEADER]: signatureHeader(webhook, delivery.payload, started),
          'Export-Event-Id': delivery.eventId,
          'Export-Event-Type': delivery.eventType,
          'Export-Delivery-Id': delivery.id,
          'Export-Delivery-Attempt': String(delivery.attempt),
        },
      });
      statusCode = response.statusCode;
      if (!accepted(statusCode)) error = `The endpoint answered HTTP ${statusCode}.`;
    } catch (e) {
      error = isAppError(e) ? e.message : 'The delivery failed.';
      permanent = isAppError(e) && e.code === 'WEBHOOK_TARGET_REFUSED';
    }
  }
  const finished = clock.now();
  const attempt: DeliveryAttempt = {
    attempt: delivery.attempt,
    at: finished.toISOString(),
    statusCode,
    error,
    durationMs: finished.getTime() - started.getTime(),
  };
  if (error === null) {
    await webhooks.recordAttempt(delivery.id, leaseToken, { status: 'Delivered', attempt });
    dlog.info('webhook.delivered', { statusCode });
    return 'delivered';
  }
  if (permanent || delivery.attempt >= policy.webhooks.maxAttempts) {
    await webhooks.recordAttempt(delivery.id, leaseToken, { status: 'Failed', attempt });
    dlog.warn('webhook.failed', { statusCode, permanent });
    return 'failed';
  }
  const next = new Date(finished.getTime() + retryDelaySeconds(policy.webhooks, delivery.attempt + 1) * 1000);
  if (
    !(await webhooks.recordAttempt(delivery.id, leaseToken, { status: 'Pending', attempt, nextAttemptAt: next.toISOString() }))
  ) {
    return 'skipped';
  }
  dlog.warn('webhook.retry scheduled', { statusCode, nextAttemptAt: next.toISOString() });
  await ringDelivery(services, { deliveryId: delivery.id, attempt: delivery.attempt + 1 }, next, dlog);
  return 'retry-scheduled';
}
