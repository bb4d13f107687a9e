import { listWebhookDeliveries } from '../shared/app/webhooks/listWebhookDeliveries.js';
import { deliveryResource } from '../shared/http/webhookResources.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** GET /api/webhooks/{id}/deliveries?limit=&cursor= → the delivery log, newest first, every attempt. Admins. */
export const listWebhookDeliveriesFunction = httpFunction({
  name: 'listWebhookDeliveries',
  methods: ['GET'],
  route: 'webhooks/{id}/deliveries',
  async run({ services, principal, request }) {
    const page = await listWebhookDeliveries(
      services,
      principal,
      request.params.id ?? '',
      Object.fromEntries(request.query.entries()),
    );
    return json(200, { items: page.items.map(deliveryResource), nextCursor: page.nextCursor });
  },
});
