import { z } from 'zod';
import { deliverWebhook } from '../shared/app/webhooks/deliverWebhook.js';
import { Settings } from '../shared/config/settings.js';
import { queueFunction } from '../shared/host/queueFunction.js';

/**
 * Service Bus trigger on the webhook queue: one doorbell → one delivery attempt. Retries are the
 * app's (a scheduled doorbell after the backoff); a throw (the database is unreachable) abandons
 * the message for redelivery.
 */
export const deliverWebhookFunction = queueFunction({
  name: 'deliverWebhook',
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.webhookQueueName}%`,
  message: z.object({ deliveryId: z.string().uuid(), attempt: z.number().int().min(1) }),
  async run({ services, message, log }) {
    await deliverWebhook(services, message, log);
  },
});
