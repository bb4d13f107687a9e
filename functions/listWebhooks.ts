import { listWebhooks } from '../shared/app/webhooks/listWebhooks.js';
import { webhookResource } from '../shared/http/webhookResources.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** GET /api/webhooks → the organization's endpoints (no secrets). Admins. */
export const listWebhooksFunction = httpFunction({
  name: 'listWebhooks',
  methods: ['GET'],
  route: 'webhooks',
  async run({ services, principal }) {
    const now = services.clock.now();
    return json(200, { items: (await listWebhooks(services, principal)).map((w) => webhookResource(w, now)) });
  },
});
