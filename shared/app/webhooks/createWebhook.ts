import { randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { unknownOrigin, type RequestOrigin } from '../../domain/audit.js';
import { AppError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { webhookUrlProblem, type Webhook } from '../../domain/webhooks.js';
import { toDetails } from '../exportRequest.js';
import { recordAudit } from '../recordAudit.js';
import type { Services } from '../services.js';
import { newSecret, requireWebhookRole } from './findWebhook.js';

/** The body of `POST /api/webhooks`. Strict: unknown fields are errors. */
export const webhookRequestBody = z
  .strictObject({
    url: z.string().min(1).max(2000).meta({ description: 'An https URL with a public host name.' }),
    description: z.string().max(200).optional().meta({ description: 'A note for people (not sent anywhere).' }),
  })
  .meta({ description: 'A webhook endpoint to register.' });

/**
 * Registers an https endpoint for the caller's organization (Admins). Answers the endpoint with its
 * signing secret — the only time the secret is shown.
 */
export async function createWebhook(
  services: Pick<Services, 'webhooks' | 'clock' | 'policy' | 'audit'>,
  principal: Principal,
  body: unknown,
  origin: RequestOrigin = unknownOrigin,
): Promise<Webhook> {
  requireWebhookRole(principal);
  const parsed = webhookRequestBody.safeParse(body);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The webhook is invalid.', { details: toDetails(parsed.error) });
  const problem = webhookUrlProblem(parsed.data.url, services.policy.webhooks.allowLoopback);
  if (problem) {
    throw new AppError('VALIDATION_FAILED', `The webhook URL ${problem}.`, { details: [{ field: 'url', message: problem }] });
  }
  const existing = await services.webhooks.listByOrganization(principal.organizationId);
  const max = services.policy.webhooks.maxPerOrganization;
  if (existing.length >= max) {
    throw new AppError(
      'WEBHOOK_LIMIT_REACHED',
      `An organization may register at most ${max} webhook endpoints; remove one first.`,
    );
  }
  const webhook: Webhook = {
    id: randomUUID(),
    organizationId: principal.organizationId,
    url: parsed.data.url,
    description: parsed.data.description ?? null,
    secret: newSecret(randomBytes),
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdBy: principal.userId,
    createdAt: services.clock.now().toISOString(),
    secretRotatedAt: null,
  };
  await services.webhooks.insert(webhook);
  await recordAudit(
    services,
    principal,
    origin,
    'webhook-create',
    { jobId: null, organizationId: webhook.organizationId },
    `webhook=${webhook.id}`,
  );
  return webhook;
}
