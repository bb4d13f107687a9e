// @ts-nocheck
import { sweepOutbox } from '../shared/app/sweepOutbox.js';
import { timerFunction } from '../shared/host/timerFunction.js';

/** Timer, every minute: re-sends lost doorbells and reclaims jobs whose worker died. */
export const sweepOutboxFunction = timerFunction({
  name: 'sweepOutbox',
  schedule: '0 * * * * *',
  async run({ services, log }) {
    await sweepOutbox(services, log);
  },
});
