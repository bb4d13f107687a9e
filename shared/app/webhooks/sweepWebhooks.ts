import { addSeconds } from '../../domain/dates.js';
import { needsEventFanOut } from '../../domain/lifecycle.js';
import type { Logger } from '../../ports/logger.js';
import type { Services } from '../services.js';
import { announceJobEvent } from './announceJobEvent.js';
import { ringDelivery } from './ringDelivery.js';

/** Finished deliveries are kept this long in the log. */
export const DELIVERY_LOG_DAYS = 30;

/**
 * The webhooks' safety net, run by a timer: announces terminal jobs whose announcement a crash
 * interrupted, re-rings deliveries whose doorbell was lost (or whose worker died), and trims the
 * delivery log. Duplicates are harmless: announcements and deliveries are idempotent and claimed
 * under a lease.
 */
export async function sweepWebhooks(
  services: Pick<Services, 'repo' | 'webhooks' | 'deliveryQueue' | 'clock' | 'policy'>,
  log: Logger,
  batch = 100,
): Promise<{ announced: number; rung: number; purged: number }> {
  const now = services.clock.now();
  let announced = 0;
  for (const job of await services.repo.find(needsEventFanOut, { orderBy: 'createdAt', limit: batch })) {
    await announceJobEvent(services, job.id, log);
    announced++;
  }
  const staleBefore = addSeconds(now, -services.policy.resendAfterSeconds);
  let rung = 0;
  for (const d of await services.webhooks.findStalled(now.toISOString(), staleBefore, batch)) {
    // A live attempt holds no lease past its expiry: the next attempt number is the stored one + 1.
    if (await ringDelivery(services, { deliveryId: d.id, attempt: d.attempt + 1 }, undefined, log)) rung++;
  }
  const purged = await services.webhooks.purgeBefore(addSeconds(now, -DELIVERY_LOG_DAYS * 86_400), 1000);
  if (announced + rung + purged > 0) log.info('webhook.sweep', { announced, rung, purged });
  return { announced, rung, purged };
}
