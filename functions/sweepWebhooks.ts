import { sweepWebhooks } from '../shared/app/webhooks/sweepWebhooks.js';
import { timerFunction } from '../shared/host/timerFunction.js';

/** Timer, every minute: announces terminal jobs a crash left unannounced, re-rings lost deliveries, trims the log. */
export const sweepWebhooksFunction = timerFunction({
  name: 'sweepWebhooks',
  schedule: '30 * * * * *',
  async run({ services, log }) {
    await sweepWebhooks(services, log);
  },
});
