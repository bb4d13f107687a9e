import { reconcileFiles } from '../shared/app/reconcileFiles.js';
import { sweepOutbox } from '../shared/app/sweepOutbox.js';
import { timerFunction } from '../shared/host/timerFunction.js';

/**
 * Timer, every minute: re-sends lost doorbells and reclaims jobs whose worker died; then checks that
 * recently completed jobs still have their files (a lost one is made again).
 */
export const sweepOutboxFunction = timerFunction({
  name: 'sweepOutbox',
  schedule: '0 * * * * *',
  async run({ services, log }) {
    await sweepOutbox(services, log);
    await reconcileFiles(services, log, { completedWithinMinutes: services.policy.reconcileWindowMinutes });
  },
});
