import { unknownOrigin, type RequestOrigin } from '../../domain/audit.js';
import type { Principal } from '../../domain/principal.js';
import { recordAudit } from '../recordAudit.js';
import type { Services } from '../services.js';
import { findWebhook } from './findWebhook.js';

/** Removes the endpoint and its delivery log; a delivery in flight finds no endpoint and stops. */
export async function deleteWebhook(
  services: Pick<Services, 'webhooks' | 'clock' | 'audit'>,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
): Promise<void> {
  const webhook = await findWebhook(services, principal, id);
  await services.webhooks.delete(webhook.id);
  await recordAudit(
    services,
    principal,
    origin,
    'webhook-delete',
    { jobId: null, organizationId: webhook.organizationId },
    `webhook=${webhook.id}`,
  );
}
