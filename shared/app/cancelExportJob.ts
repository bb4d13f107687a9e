import { AppError } from '../domain/errors.js';
import { isTerminal, type ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import type { AppDeps } from './deps.js';
import { findJob } from './findJob.js';
import { blobNameOf } from './export/runExport.js';

/**
 * Pending/Processing → Cancelled. A running worker notices at its next heartbeat (its lease-fenced
 * write fails), stops, and commits no file.
 */
export async function cancelExportJob(
  deps: Pick<AppDeps, 'repo' | 'clock' | 'blobs' | 'logger'>,
  principal: Principal,
  id: string,
): Promise<ExportJob> {
  const job = await findJob(deps, principal, id);
  const notCancellable = () => new AppError('JOB_NOT_CANCELLABLE', `The job is ${job.status} and can no longer be cancelled.`);
  if (isTerminal(job.status)) throw notCancellable();
  if (!(await deps.repo.cancel(job.id, deps.clock.now().toISOString()))) {
    const now = await deps.repo.get(job.id);
    throw new AppError('JOB_NOT_CANCELLABLE', `The job is ${now?.status ?? 'gone'} and can no longer be cancelled.`);
  }
  // A worker killed after committing but before completing left a file: remove it. Best effort —
  // the storage lifecycle rule removes anything this misses.
  await deps.blobs.delete(blobNameOf(job)).catch(() => deps.logger.warn('cancel: file cleanup deferred', { jobId: job.id }));
  return (await deps.repo.get(job.id)) as ExportJob;
}
