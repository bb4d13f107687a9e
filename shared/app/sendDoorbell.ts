import type { JobMessage } from '../ports/jobQueue.js';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';

/**
 * Sends a job's doorbell and records it on the row (the outbox). A failed send is logged, not
 * thrown: the row stays due and the sweeper sends it again.
 */
export async function sendDoorbell(
  deps: Pick<AppDeps, 'queue' | 'repo' | 'clock'>,
  message: JobMessage,
  notBefore: Date | undefined,
  log: Logger,
): Promise<boolean> {
  try {
    await deps.queue.send(message, notBefore);
    await deps.repo.markEnqueued(message.jobId, message.attempt, (notBefore ?? deps.clock.now()).toISOString());
    return true;
  } catch (e) {
    log.warn('queue.send failed; the sweeper will re-send', {
      jobId: message.jobId,
      error: e instanceof Error ? e.name : 'unknown',
    });
    return false;
  }
}
