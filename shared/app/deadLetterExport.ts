import { lifecycle } from '../domain/lifecycle.js';
import type { Logger } from '../ports/logger.js';
import { discardFile } from './discardFile.js';
import { announceQuietly } from './webhooks/announceJobEvent.js';
import type { Services } from './services.js';

/**
 * A doorbell reached the dead-letter queue (delivered maxDeliveryCount times without success):
 * the job ends Failed with code DEAD_LETTERED, unless it already reached a terminal state.
 */
export async function deadLetterExport(
  services: Pick<Services, 'repo' | 'clock' | 'blobs' | 'webhooks' | 'deliveryQueue'>,
  jobId: string,
  reason: string,
  log: Logger,
): Promise<boolean> {
  const safeReason = reason.replace(/[\r\n]+/g, ' ').slice(0, 300);
  const error = {
    code: 'DEAD_LETTERED',
    message: `The export could not be processed (${safeReason}). Retry it or contact support.`,
  };
  const changed = await services.repo.apply(jobId, lifecycle.deadLetter(error, services.clock.now().toISOString()));
  log.warn('export.dead-lettered', { jobId, changed });
  if (changed) {
    log.metric('export_failed', 1, { code: 'DEAD_LETTERED' });
    // A worker may have committed the file before it kept dying: a Failed job keeps none.
    await discardFile(services, jobId, log);
    await announceQuietly(services, jobId, log);
  }
  return changed;
}
