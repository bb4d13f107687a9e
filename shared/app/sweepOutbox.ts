import { addSeconds } from '../domain/dates.js';
import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';
import { sendDoorbell } from './sendDoorbell.js';

/**
 * The outbox sweeper. Inserting a job and sending its message cannot share a transaction, and an
 * in-process queue loses messages on restart, so: re-send the doorbell of Pending jobs that are due
 * and were never (or long ago) sent, and of Processing jobs whose lease expired (their worker died).
 * Duplicates are harmless: claims are conditional and message ids deterministic.
 */
export async function sweepOutbox(
  deps: Pick<AppDeps, 'repo' | 'queue' | 'clock' | 'policy'>,
  log: Logger,
  batch = 100,
): Promise<number> {
  const now = deps.clock.now();
  const staleBefore = addSeconds(now, -deps.policy.resendAfterSeconds);
  const due = await deps.repo.findDue(now.toISOString(), staleBefore, batch);
  let sent = 0;
  for (const job of due) {
    // Pending: the attempt it waits for; Processing with a dead lease: the one that reclaims it.
    const attempt = job.attempt + 1;
    if (await sendDoorbell(deps, { jobId: job.id, attempt }, undefined, log)) sent++;
  }
  if (sent > 0) log.info('sweep.resent', { count: sent });
  return sent;
}
