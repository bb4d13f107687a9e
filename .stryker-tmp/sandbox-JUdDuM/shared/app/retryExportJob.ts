// @ts-nocheck
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import { canRetryAsNewJob, retryableStatuses } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { enqueueNewJob } from './createExportJob.js';
import { findVisibleJob } from './findVisibleJob.js';
import type { Services } from './services.js';

/**
 * Re-runs a Failed, Cancelled or Expired job as a NEW job with the same request and `retryOf`
 * pointing at the original (see `canRetryAsNewJob`); the new job gets a fresh snapshot of the data.
 */
export async function retryExportJob(services: Services, principal: Principal, id: string, log: Logger): Promise<ExportJob> {
  const original = await findVisibleJob(services, principal, id);
  if (!canRetryAsNewJob(original.status)) {
    throw new AppError(
      'JOB_NOT_RETRYABLE',
      `The job is ${original.status}; only ${retryableStatuses.slice(0, -1).join(', ')} or ${retryableStatuses.at(-1)} jobs can be retried.`,
    );
  }
  return enqueueNewJob(
    services,
    principal,
    { ...original.request, filters: { ...original.request.filters, organizationId: original.organizationId } },
    original.id,
    log,
  );
}
