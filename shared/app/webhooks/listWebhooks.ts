import type { Principal } from '../../domain/principal.js';
import type { Webhook } from '../../domain/webhooks.js';
import type { Services } from '../services.js';
import { requireWebhookRole } from './findWebhook.js';

/** The caller's organization's endpoints, oldest first (Admins). */
export async function listWebhooks(services: Pick<Services, 'webhooks'>, principal: Principal): Promise<Webhook[]> {
  requireWebhookRole(principal);
  return services.webhooks.listByOrganization(principal.organizationId);
}
