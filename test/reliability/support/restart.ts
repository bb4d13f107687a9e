import { processExport, type ProcessOutcome } from '../../../shared/app/processExport.js';
import { sweepOutbox } from '../../../shared/app/sweepOutbox.js';
import type { Services } from '../../../shared/app/services.js';
import { inProcessQueue } from '../../../shared/adapters/queue/inProcessQueue.js';
import { systemClock } from '../../../shared/adapters/systemClock.js';
import type { JobMessage } from '../../../shared/ports/jobQueue.js';
import { around, captureLogger, observedPages } from './ports.js';

export interface RestartResult {
  /** Doorbells the sweeper re-sent. */
  readonly resent: number;
  readonly outcomes: ProcessOutcome[];
  /** Successful `complete` writes during the restart. */
  readonly completions: number;
  readonly rowsRead: number;
  readonly log: ReturnType<typeof captureLogger>;
}

/**
 * "The host came back": a fresh in-process queue and worker, one sweeper run (re-sends the doorbells
 * of Pending jobs and of Processing jobs whose lease expired), plus any messages the dead worker
 * never completed (at-least-once delivery brings them back), then waits until all is handled.
 */
export async function restartWorker(deps: Services, redelivered: readonly JobMessage[] = []): Promise<RestartResult> {
  const log = captureLogger();
  const pageWorkers = observedPages(deps.pageWorkers);
  let completions = 0;
  const repo = around(deps.repo, {
    apply: async (inner, _n, id, transition) => {
      const ok = await inner(id, transition);
      if (ok && transition.name === 'complete') completions++;
      return ok;
    },
  });
  // Scheduled doorbells (backoff retries) are not awaited: the test moves its clock and sweeps.
  const queue = inProcessQueue({ maxDeliveryCount: 5, concurrency: 2, clock: systemClock });
  const d: Services = { ...deps, repo, pageWorkers, queue };
  const outcomes: ProcessOutcome[] = [];
  queue.consume(
    async (m) => void outcomes.push(await processExport(d, m.body, log)),
    async () => undefined,
  );
  const resent = await sweepOutbox(d, log);
  for (const m of redelivered) await queue.send(m);
  await queue.idle();
  await queue.close();
  return { resent, outcomes, completions, rowsRead: pageWorkers.rowsRead, log };
}
