import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';

/**
 * A doorbell reached the dead-letter queue (delivered maxDeliveryCount times without success):
 * the job ends Failed with code DEAD_LETTERED, unless it already reached a terminal state.
 */
export async function markDeadLettered(
  deps: Pick<AppDeps, 'repo' | 'clock'>,
  jobId: string,
  reason: string,
  log: Logger,
): Promise<boolean> {
  const safeReason = reason.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const changed = await deps.repo.failUnlessTerminal(
    jobId,
    { code: 'DEAD_LETTERED', message: `The export could not be processed (${safeReason}). Retry it or contact support.` },
    deps.clock.now().toISOString(),
  );
  log.warn('export.dead-lettered', { jobId, changed });
  if (changed) log.metric('export_failed', 1, { code: 'DEAD_LETTERED' });
  return changed;
}
