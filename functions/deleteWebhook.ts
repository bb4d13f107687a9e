import { deleteWebhook } from '../shared/app/webhooks/deleteWebhook.js';
import { httpFunction } from '../shared/host/httpFunction.js';

/** DELETE /api/webhooks/{id} → 204; its delivery log goes with it. Admins. */
export const deleteWebhookFunction = httpFunction({
  name: 'deleteWebhook',
  methods: ['DELETE'],
  route: 'webhooks/{id}',
  async run({ services, principal, request, origin, log }) {
    await deleteWebhook(services, principal, request.params.id ?? '', origin);
    log.info('webhook.deleted', { webhookId: request.params.id ?? '' });
    return { status: 204, headers: { 'Cache-Control': 'no-store' } };
  },
});
