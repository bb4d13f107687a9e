import type { DeliveryAttempt, DeliveryStatus, Webhook, WebhookDelivery } from '../domain/webhooks.js';

/** What the fan-out records: one event for one endpoint, not yet attempted. */
export type NewDelivery = Pick<
  WebhookDelivery,
  'id' | 'webhookId' | 'organizationId' | 'eventId' | 'eventType' | 'jobId' | 'payload' | 'createdAt'
>;

/** The outcome of one attempt, written by the worker holding the delivery's lease. */
export interface AttemptOutcome {
  readonly status: DeliveryStatus;
  readonly attempt: DeliveryAttempt;
  /** Pending only: when the next attempt is due. */
  readonly nextAttemptAt?: string;
}

/**
 * Webhook endpoints and their deliveries. A delivery is claimed under a lease (one conditional
 * update, like a job), so a duplicate doorbell sends nothing twice at once; every worker write is
 * fenced by the lease token. Errors are AppErrors (DATABASE_UNAVAILABLE is retryable).
 */
export interface WebhookStore {
  insert(webhook: Webhook): Promise<void>;
  get(id: string): Promise<Webhook | undefined>;
  /** An organization's endpoints, oldest first. */
  listByOrganization(organizationId: string): Promise<Webhook[]>;
  /** Replaces the secret; the old one keeps signing until `previousExpiresAt`. */
  rotateSecret(id: string, rotation: { secret: string; previousExpiresAt: string; at: string }): Promise<boolean>;
  /** Removes the endpoint and its delivery log; true when it existed. */
  delete(id: string): Promise<boolean>;

  /** Records deliveries; one that exists already (same endpoint and event) is skipped. Returns how many were new. */
  insertDeliveries(deliveries: readonly NewDelivery[]): Promise<number>;
  getDelivery(id: string): Promise<WebhookDelivery | undefined>;
  /** An endpoint's deliveries, newest first, `limit` after the cursor (createdAt, id). */
  listDeliveries(
    webhookId: string,
    query: { readonly limit: number; readonly after?: { readonly createdAt: string; readonly id: string } },
  ): Promise<WebhookDelivery[]>;
  /**
   * Starts the next attempt of a Pending delivery that is due (`nextAttemptAt` passed) and not
   * held by a live lease: attempt + 1, lease until `leaseExpiresAt`. True when it did.
   */
  claimDelivery(id: string, claim: { now: string; leaseToken: string; leaseExpiresAt: string }): Promise<boolean>;
  /** Records the attempt's outcome if the lease is still held; releases it. */
  recordAttempt(id: string, leaseToken: string, outcome: AttemptOutcome): Promise<boolean>;
  /** The doorbell of the next attempt was sent at `at`. */
  recordDoorbell(id: string, at: string): Promise<void>;
  /**
   * Pending deliveries that need a doorbell: due, and never rung or rung before `staleBefore`, or
   * claimed by a worker whose lease ran out. Oldest first.
   */
  findStalled(now: string, staleBefore: string, limit: number): Promise<WebhookDelivery[]>;
  /** Deletes up to `limit` finished deliveries created before `before`; returns how many. */
  purgeBefore(before: string, limit: number): Promise<number>;
}
