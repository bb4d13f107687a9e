// @ts-nocheck
import { addSeconds } from '../domain/dates.js';
import { needsDoorbell } from '../domain/lifecycle.js';
import type { Logger } from '../ports/logger.js';
import { sendDoorbell } from './sendDoorbell.js';
import type { Services } from './services.js';

/**
 * The outbox sweeper. Inserting a job and sending its message cannot share a transaction, and an
 * in-process queue loses messages on restart, so: re-send the doorbell of Pending jobs that are due
 * and were never (or long ago) sent, and of Processing jobs whose lease expired (their worker died).
 * Duplicates are harmless: claims are conditional and message ids deterministic.
 */
export async function sweepOutbox(
  services: Pick<Services, 'repo' | 'queue' | 'clock' | 'policy'>,
  log: Logger,
  batch = 100,
): Promise<number> {
  const now = services.clock.now();
  const staleBefore = addSeconds(now, -services.policy.resendAfterSeconds);
  const due = await services.repo.find(needsDoorbell(now.toISOString(), staleBefore), { orderBy: 'createdAt', limit: batch });
  let sent = 0;
  for (const job of due) {
    // Pending: the attempt it waits for; Processing with a dead lease: the one that reclaims it.
    const attempt = job.attempt + 1;
    if (await sendDoorbell(services, { jobId: job.id, attempt }, undefined, log)) sent++;
  }
  if (sent > 0) log.info('sweep.resent', { count: sent });
  return sent;
}
