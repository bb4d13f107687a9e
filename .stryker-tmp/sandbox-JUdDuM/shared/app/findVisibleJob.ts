// @ts-nocheck
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import { canSee, type Principal } from '../domain/principal.js';
import { isGuid } from './exportRequest.js';
import type { Services } from './services.js';

/**
 * The job if the caller may see it. A malformed id, a missing job and another tenant's job all
 * give the same NOT_FOUND, so ids cannot be probed across organizations.
 */
export async function findVisibleJob(services: Pick<Services, 'repo'>, principal: Principal, id: string): Promise<ExportJob> {
  const job = isGuid(id) ? await services.repo.get(id.toLowerCase()) : undefined;
  if (!job || !canSee(principal, job)) throw new AppError('NOT_FOUND', 'No such export job.');
  return job;
}
