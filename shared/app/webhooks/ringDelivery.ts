import type { DeliveryMessage } from '../../ports/jobQueue.js';
import type { Logger } from '../../ports/logger.js';
import type { Services } from '../services.js';

/**
 * Sends a delivery's doorbell and records it (the outbox). A failed send is logged, not thrown:
 * the delivery stays due and the webhook sweeper rings it again.
 */
export async function ringDelivery(
  services: Pick<Services, 'webhooks' | 'deliveryQueue' | 'clock'>,
  message: DeliveryMessage,
  notBefore: Date | undefined,
  log: Logger,
): Promise<boolean> {
  try {
    await services.deliveryQueue.send(message, notBefore);
    await services.webhooks.recordDoorbell(message.deliveryId, (notBefore ?? services.clock.now()).toISOString());
    return true;
  } catch (e) {
    log.warn('webhook.send failed; the sweeper will re-send', {
      deliveryId: message.deliveryId,
      error: e instanceof Error ? e.name : 'unknown',
    });
    return false;
  }
}
