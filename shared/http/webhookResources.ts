import { z } from 'zod';
import { deliveryStatuses, jobEventTypes, type Webhook, type WebhookDelivery } from '../domain/webhooks.js';
import { jobStatuses } from '../domain/job.js';

const timestamp = z.iso.datetime().meta({ description: 'ISO-8601 UTC timestamp.' });

/** A webhook endpoint as the API shows it: never its secret (shown once, on create and rotate). */
export const webhookResourceSchema = z
  .object({
    id: z.string(),
    organizationId: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    createdBy: z.string(),
    createdAt: timestamp,
    secretRotatedAt: timestamp.nullable(),
    previousSecretExpiresAt: timestamp
      .nullable()
      .meta({ description: 'After a rotation: until when the old secret still signs (a second v1 in Export-Signature).' }),
    links: z.object({ self: z.string(), deliveries: z.string() }),
  })
  .meta({ description: 'A webhook endpoint of the organization.' });

/** The answer to create and rotate: the endpoint and its signing secret, the only time it is shown. */
export const webhookWithSecretSchema = webhookResourceSchema
  .extend({
    secret: z.string().meta({
      description: 'The signing secret (whsec_…). Shown only now: store it; rotate to get a new one.',
    }),
  })
  .meta({ description: 'A webhook endpoint with its signing secret (shown once).' });

export const webhookListSchema = z
  .object({ items: z.array(webhookResourceSchema) })
  .meta({ description: 'The organization’s endpoints.' });

const attemptSchema = z.object({
  attempt: z.number().int().min(1),
  at: timestamp,
  statusCode: z.number().int().nullable().meta({ description: 'The endpoint’s HTTP status; null when none came.' }),
  error: z.string().nullable(),
  durationMs: z.number().min(0),
});

export const deliveryResourceSchema = z
  .object({
    id: z.string(),
    webhookId: z.string(),
    eventId: z.string().meta({ description: 'The event’s id (Export-Event-Id): one per job; deduplicate on it.' }),
    eventType: z.enum(jobEventTypes),
    jobId: z.string(),
    status: z.enum(deliveryStatuses),
    createdAt: timestamp,
    nextAttemptAt: timestamp.nullable().meta({ description: 'Pending: when the next attempt is due.' }),
    deliveredAt: timestamp.nullable(),
    attempts: z.array(attemptSchema).meta({ description: 'Every attempt, oldest first.' }),
  })
  .meta({ description: 'One event for one endpoint and how its delivery went.' });

export const deliveryPageSchema = z
  .object({ items: z.array(deliveryResourceSchema), nextCursor: z.string().nullable() })
  .meta({ description: 'A page of the delivery log, newest first.' });

/** The body POSTed to an endpoint (see shared/domain/webhooks.ts `jobEventOf`). */
export const jobEventSchema = z
  .object({
    id: z.string(),
    type: z.enum(jobEventTypes),
    createdAt: timestamp,
    data: z.object({
      jobId: z.string(),
      organizationId: z.string(),
      status: z.enum(jobStatuses),
      dataType: z.string(),
      format: z.string(),
      dateRange: z.object({ from: z.string(), to: z.string() }),
      rowCount: z.number().int().nullable(),
      sizeBytes: z.number().int().nullable(),
      sha256: z.string().nullable(),
      fileName: z.string(),
      completedAt: timestamp.nullable(),
      expiresAt: timestamp.nullable(),
      error: z.object({ code: z.string(), message: z.string() }).nullable(),
      links: z.object({ self: z.string(), download: z.string().optional() }),
    }),
  })
  .meta({ description: 'The event a webhook endpoint receives (POST, application/json, signed in Export-Signature).' });

export function webhookResource(w: Webhook, now: Date) {
  return {
    id: w.id,
    organizationId: w.organizationId,
    url: w.url,
    description: w.description,
    createdBy: w.createdBy,
    createdAt: w.createdAt,
    secretRotatedAt: w.secretRotatedAt,
    previousSecretExpiresAt:
      w.previousSecretExpiresAt && w.previousSecretExpiresAt > now.toISOString() ? w.previousSecretExpiresAt : null,
    links: { self: `/api/webhooks/${w.id}`, deliveries: `/api/webhooks/${w.id}/deliveries` },
  };
}

export const webhookWithSecret = (w: Webhook, now: Date) => ({ ...webhookResource(w, now), secret: w.secret });

export const deliveryResource = (d: WebhookDelivery) => ({
  id: d.id,
  webhookId: d.webhookId,
  eventId: d.eventId,
  eventType: d.eventType,
  jobId: d.jobId,
  status: d.status,
  createdAt: d.createdAt,
  nextAttemptAt: d.nextAttemptAt,
  deliveredAt: d.deliveredAt,
  attempts: d.attempts,
});
