import { AppError } from '../../domain/errors.js';
import { isGuid } from '../../domain/ids.js';
import { canManageWebhooks, type Principal } from '../../domain/principal.js';
import type { Webhook } from '../../domain/webhooks.js';
import type { Services } from '../services.js';

/** Refuses a caller who may not manage webhooks (403), before anything is looked up. */
export function requireWebhookRole(principal: Principal): void {
  if (!canManageWebhooks(principal)) throw new AppError('FORBIDDEN', 'Only Admins manage webhook endpoints.');
}

/**
 * The caller's organization's endpoint. A malformed id, a missing endpoint and another
 * organization's endpoint all give the same NOT_FOUND.
 */
export async function findWebhook(services: Pick<Services, 'webhooks'>, principal: Principal, id: string): Promise<Webhook> {
  requireWebhookRole(principal);
  const webhook = isGuid(id) ? await services.webhooks.get(id.toLowerCase()) : undefined;
  if (!webhook || webhook.organizationId !== principal.organizationId)
    throw new AppError('NOT_FOUND', 'No such webhook endpoint.');
  return webhook;
}

/** A new signing secret: 32 random bytes. */
export const newSecret = (randomBytes: (n: number) => Buffer): string => `whsec_${randomBytes(32).toString('base64url')}`;
