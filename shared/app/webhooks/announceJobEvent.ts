import { randomUUID } from 'node:crypto';
import { lifecycle } from '../../domain/lifecycle.js';
import { eventTypeOf, jobEventOf } from '../../domain/webhooks.js';
import type { Logger } from '../../ports/logger.js';
import type { NewDelivery } from '../../ports/webhookStore.js';
import type { Services } from '../services.js';
import { ringDelivery } from './ringDelivery.js';

/**
 * Hands a job's terminal event to its organization's webhooks: one delivery per endpoint that was
 * registered when the job ended (recorded first, so nothing is lost), a doorbell for each, then the
 * job is marked announced. Idempotent: a repeat inserts no delivery twice (one per endpoint and
 * event) and a job already marked is skipped — which is what lets the sweeper run it again for a
 * job whose announcement a crash interrupted. Never throws for a failed send: the sweeper re-rings.
 */
export async function announceJobEvent(
  services: Pick<Services, 'repo' | 'webhooks' | 'deliveryQueue' | 'clock'>,
  jobId: string,
  log: Logger,
): Promise<number> {
  const job = await services.repo.get(jobId);
  const type = job ? eventTypeOf(job.status) : undefined;
  if (!job || !type || job.eventsQueuedAt !== null) return 0;
  const at = services.clock.now().toISOString();
  const endedAt = job.completedAt ?? job.updatedAt;
  const endpoints = (await services.webhooks.listByOrganization(job.organizationId)).filter((w) => w.createdAt <= endedAt);
  const payload = JSON.stringify(jobEventOf(job, type, at));
  const deliveries: NewDelivery[] = endpoints.map((w) => ({
    id: randomUUID(),
    webhookId: w.id,
    organizationId: job.organizationId,
    eventId: jobEventOf(job, type, at).id,
    eventType: type,
    jobId: job.id,
    payload,
    createdAt: at,
  }));
  // Stryker disable next-line ConditionalExpression,EqualityOperator: an empty batch inserts nothing in either store (both loop over the list); the guard only saves a call
  if (deliveries.length > 0) await services.webhooks.insertDeliveries(deliveries);
  for (const d of deliveries) await ringDelivery(services, { deliveryId: d.id, attempt: 1 }, undefined, log);
  await services.repo.apply(job.id, lifecycle.recordEventsQueued(at));
  if (deliveries.length > 0) log.info('webhook.announced', { jobId: job.id, type, endpoints: deliveries.length });
  return deliveries.length;
}

/** The same, for callers that must not fail because of it (the job's own outcome is recorded already). */
export async function announceQuietly(
  services: Pick<Services, 'repo' | 'webhooks' | 'deliveryQueue' | 'clock'>,
  jobId: string,
  log: Logger,
): Promise<void> {
  await announceJobEvent(services, jobId, log).catch((e: unknown) =>
    log.warn('webhook.announce failed; the sweeper will retry', { jobId, error: e instanceof Error ? e.name : 'unknown' }),
  );
}
