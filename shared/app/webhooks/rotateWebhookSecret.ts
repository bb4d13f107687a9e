import { randomBytes } from 'node:crypto';
import { unknownOrigin, type RequestOrigin } from '../../domain/audit.js';
import { addSeconds } from '../../domain/dates.js';
import { AppError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import type { Webhook } from '../../domain/webhooks.js';
import { recordAudit } from '../recordAudit.js';
import type { Services } from '../services.js';
import { findWebhook, newSecret } from './findWebhook.js';

/**
 * A new signing secret, shown once. The previous one keeps signing (a second `v1=` in the header)
 * for the grace period, so the receiver can switch without losing events.
 */
export async function rotateWebhookSecret(
  services: Pick<Services, 'webhooks' | 'clock' | 'policy' | 'audit'>,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
): Promise<Webhook> {
  const webhook = await findWebhook(services, principal, id);
  const now = services.clock.now();
  const rotated = await services.webhooks.rotateSecret(webhook.id, {
    secret: newSecret(randomBytes),
    previousExpiresAt: addSeconds(now, services.policy.webhooks.secretGraceHours * 3600),
    at: now.toISOString(),
  });
  const after = rotated ? await services.webhooks.get(webhook.id) : undefined;
  if (!after) throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  await recordAudit(
    services,
    principal,
    origin,
    'webhook-rotate',
    { jobId: null, organizationId: after.organizationId },
    `webhook=${after.id}`,
  );
  return after;
}
