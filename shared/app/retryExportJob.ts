import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import { canRetryAsNewJob, retryableStatuses } from '../domain/lifecycle.js';
import { canCreate, type Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { enqueueNewJob, type SubmitOptions, type Submission } from './createExportJob.js';
import { findVisibleJob } from './findVisibleJob.js';
import type { Services } from './services.js';

/**
 * Re-runs a Failed, Cancelled or Expired job as a NEW job with the same request and `retryOf`
 * pointing at the original (see `canRetryAsNewJob`); the new job gets a fresh snapshot of the data.
 * A retry creates an export, so it needs a role that may create one and passes the same limits; a
 * job has at most one active retry (a second request gets the running one).
 */
export async function submitRetry(
  services: Services,
  principal: Principal,
  id: string,
  log: Logger,
  options: SubmitOptions = {},
): Promise<Submission> {
  const original = await findVisibleJob(services, principal, id);
  // Stryker disable next-line ConditionalExpression,StringLiteral: canCreate is hasAnyRole today, which findVisibleJob has just required (403 with its own message); kept for when creating needs more than a role
  if (!canCreate(principal)) throw new AppError('FORBIDDEN', 'Your role may not create exports.');
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
    { ...options, operation: `retry:${original.id}` },
  );
}

/** POST /api/export-jobs/{id}/retry as a plain use case: the new (or already running) retry. */
export async function retryExportJob(
  services: Services,
  principal: Principal,
  id: string,
  log: Logger,
  options: SubmitOptions = {},
): Promise<ExportJob> {
  return (await submitRetry(services, principal, id, log, options)).job;
}
