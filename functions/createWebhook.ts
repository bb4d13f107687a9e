import { createWebhook } from '../shared/app/webhooks/createWebhook.js';
import { readJsonBody } from '../shared/http/readJsonBody.js';
import { webhookWithSecret } from '../shared/http/webhookResources.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** POST /api/webhooks → 201 with the endpoint and its signing secret (shown this once). Admins. */
export const createWebhookFunction = httpFunction({
  name: 'createWebhook',
  methods: ['POST'],
  route: 'webhooks',
  async run({ services, principal, request, origin, log }) {
    const webhook = await createWebhook(services, principal, await readJsonBody(request), origin);
    log.info('webhook.created', { webhookId: webhook.id });
    return json(201, webhookWithSecret(webhook, services.clock.now()), { Location: `/api/webhooks/${webhook.id}` });
  },
});
