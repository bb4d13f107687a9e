import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import { AppError } from '../domain/errors.js';
import { isTerminal, type ExportJob } from '../domain/job.js';
import { lifecycle } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import { discardFile } from './discardFile.js';
import { findVisibleJob } from './findVisibleJob.js';
import { recordAudit } from './recordAudit.js';
import { announceQuietly } from './webhooks/announceJobEvent.js';
import type { Services } from './services.js';

/**
 * Pending/Processing → Cancelled. A running worker notices at its next heartbeat (its lease-fenced
 * write fails), stops, and commits no file.
 */
export async function cancelExportJob(
  services: Pick<Services, 'repo' | 'clock' | 'blobs' | 'logger' | 'audit' | 'webhooks' | 'deliveryQueue'>,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
): Promise<ExportJob> {
  const job = await findVisibleJob(services, principal, id);
  // Stryker disable next-line ConditionalExpression: the cancel transition starts only from Pending/Processing, so for an ended job the write below fails and reports the same stored status
  if (isTerminal(job.status)) throw notCancellable(job.status);
  if (!(await services.repo.apply(job.id, lifecycle.cancel(services.clock.now().toISOString())))) {
    throw notCancellable((await services.repo.get(job.id))?.status ?? 'gone');
  }
  await recordAudit(services, principal, origin, 'cancel', { jobId: job.id, organizationId: job.organizationId });
  // A worker killed after committing but before completing left a file: remove it.
  await discardFile(services, job.id, services.logger);
  await announceQuietly(services, job.id, services.logger);
  return (await services.repo.get(job.id)) as ExportJob;
}

const notCancellable = (status: string) =>
  new AppError('JOB_NOT_CANCELLABLE', `The job is ${status} and can no longer be cancelled.`);
