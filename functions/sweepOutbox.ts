import { purgeAuditTrail } from '../shared/app/purgeAuditTrail.js';
import { purgeExports } from '../shared/app/purgeExports.js';
import { reconcileFiles } from '../shared/app/reconcileFiles.js';
import { sweepOutbox } from '../shared/app/sweepOutbox.js';
import { sweepWebhooks } from '../shared/app/webhooks/sweepWebhooks.js';
import { Settings } from '../shared/config/settings.js';
import { timerFunction, type TimerCall } from '../shared/host/timerFunction.js';

/** Jobs the sweeper re-sends per round, and the most rounds one run takes (a backlog drains over runs). */
const SWEEP_BATCH = 100;
const SWEEP_MAX_ROUNDS = 50;

/** Re-sends lost doorbells and hands dead workers' jobs on, in rounds until none is left (or the cap). */
async function sweepAll({ services, log }: TimerCall): Promise<void> {
  for (let round = 0; round < SWEEP_MAX_ROUNDS; round++) {
    if ((await sweepOutbox(services, log, SWEEP_BATCH)) < SWEEP_BATCH) return;
  }
}

/**
 * The app's one timer, every 5 minutes by default (EXPORT_PURGE_SCHEDULE). On Flex Consumption each
 * timer function scales as its own group, and an every-minute timer keeps an instance busy around the
 * clock (each group also pays its own cold start: SQL connect and schema check). So there is one timer,
 * and each step below is independent: one that fails does not stop the others (the run still fails,
 * and the next run tries again). Add periodic work as another step here rather than another timer.
 * Trade-off (infra/README.md "Timers"): a lost doorbell waits up to EXPORT_RESEND_AFTER_SECONDS plus
 * one period, a crashed export up to its lease plus one period.
 */
const steps: readonly { readonly name: string; run(call: TimerCall): Promise<unknown> }[] = [
  { name: 'sweep', run: sweepAll },
  { name: 'purge', run: ({ services, log }) => purgeExports(services, log) },
  // Audit records past their retention.
  { name: 'purge-audit', run: ({ services, log }) => purgeAuditTrail(services, log) },
  // Recently completed jobs still have their files (a lost one is made again).
  {
    name: 'reconcile',
    run: ({ services, log }) => reconcileFiles(services, log, { completedWithinMinutes: services.policy.reconcileWindowMinutes }),
  },
  // Terminal jobs a crash left unannounced to webhooks; lost deliveries rung again; the delivery log trimmed.
  { name: 'webhooks', run: ({ services, log }) => sweepWebhooks(services, log) },
];

export const sweepOutboxFunction = timerFunction({
  name: 'sweepOutbox',
  schedule: `%${Settings.purgeSchedule}%`,
  async run(call) {
    const failures: unknown[] = [];
    for (const step of steps) {
      try {
        await step.run(call);
      } catch (e) {
        call.log.error('timer.step failed', { step: step.name, error: e instanceof Error ? e.name : 'unknown' });
        failures.push(e);
      }
    }
    if (failures.length > 0) throw failures[0];
  },
});
