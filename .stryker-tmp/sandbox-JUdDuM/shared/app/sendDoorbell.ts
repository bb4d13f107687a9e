// @ts-nocheck
import { lifecycle } from '../domain/lifecycle.js';
import type { JobMessage } from '../ports/jobQueue.js';
import type { Logger } from '../ports/logger.js';
import type { Services } from './services.js';

/**
 * Sends a job's doorbell and records it on the row (the outbox). A failed send is logged, not
 * thrown: the row stays due and the sweeper sends it again.
 */
export async function sendDoorbell(
  services: Pick<Services, 'queue' | 'repo' | 'clock'>,
  message: JobMessage,
  notBefore: Date | undefined,
  log: Logger,
): Promise<boolean> {
  try {
    await services.queue.send(message, notBefore);
    await services.repo.apply(message.jobId, lifecycle.recordDoorbell((notBefore ?? services.clock.now()).toISOString()));
    return true;
  } catch (e) {
    log.warn('queue.send failed; the sweeper will re-send', {
      jobId: message.jobId,
      error: e instanceof Error ? e.name : 'unknown',
    });
    return false;
  }
}
