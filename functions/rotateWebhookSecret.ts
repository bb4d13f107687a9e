import { rotateWebhookSecret } from '../shared/app/webhooks/rotateWebhookSecret.js';
import { webhookWithSecret } from '../shared/http/webhookResources.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** POST /api/webhooks/{id}/rotate-secret → 200 with the new secret (shown this once); the old one signs for 24 h more. */
export const rotateWebhookSecretFunction = httpFunction({
  name: 'rotateWebhookSecret',
  methods: ['POST'],
  route: 'webhooks/{id}/rotate-secret',
  async run({ services, principal, request, origin, log }) {
    const webhook = await rotateWebhookSecret(services, principal, request.params.id ?? '', origin);
    log.info('webhook.secret rotated', { webhookId: webhook.id });
    return json(200, webhookWithSecret(webhook, services.clock.now()));
  },
});
