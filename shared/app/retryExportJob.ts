import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { enqueueNewJob } from './createExportJob.js';
import type { AppDeps } from './deps.js';
import { findJob } from './findJob.js';

const RETRYABLE = new Set(['Failed', 'Cancelled', 'Expired']);

/**
 * Re-runs a Failed, Cancelled or Expired job as a NEW job with the same request and `retryOf`
 * pointing at the original. Terminal states stay terminal (clients polling the old id see a stable
 * answer, the audit trail keeps every run), and the new job gets a fresh snapshot of the data.
 */
export async function retryExportJob(deps: AppDeps, principal: Principal, id: string, log: Logger): Promise<ExportJob> {
  const original = await findJob(deps, principal, id);
  if (!RETRYABLE.has(original.status)) {
    throw new AppError(
      'JOB_NOT_RETRYABLE',
      `The job is ${original.status}; only Failed, Cancelled or Expired jobs can be retried.`,
    );
  }
  return enqueueNewJob(
    deps,
    principal,
    { ...original.request, filters: { ...original.request.filters, organizationId: original.organizationId } },
    original.id,
    log,
  );
}
