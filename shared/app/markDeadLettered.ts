import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';
import { blobNameOf } from './export/runExport.js';

/**
 * A doorbell reached the dead-letter queue (delivered maxDeliveryCount times without success):
 * the job ends Failed with code DEAD_LETTERED, unless it already reached a terminal state.
 */
export async function markDeadLettered(
  deps: Pick<AppDeps, 'repo' | 'clock' | 'blobs'>,
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
  if (changed) {
    log.metric('export_failed', 1, { code: 'DEAD_LETTERED' });
    // A worker may have committed the file before it kept dying: a Failed job keeps none.
    const job = await deps.repo.get(jobId);
    if (job) await deps.blobs.delete(blobNameOf(job)).catch(() => log.warn('dead-letter: file cleanup deferred', { jobId }));
  }
  return changed;
}
