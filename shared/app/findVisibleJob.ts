import { AppError } from '../domain/errors.js';
import { isGuid } from '../domain/ids.js';
import type { ExportJob } from '../domain/job.js';
import { canSee, hasAnyRole, type Principal } from '../domain/principal.js';
import type { Services } from './services.js';

/** Refuses a caller who holds no role this service knows (403), before anything is looked up. */
export function requireRole(principal: Principal): void {
  if (!hasAnyRole(principal)) throw new AppError('FORBIDDEN', 'Your token carries no role that may use exports.');
}

/**
 * The job if the caller may see it. A malformed id, a missing job and another tenant's job all
 * give the same NOT_FOUND, so ids cannot be probed across organizations. A caller without a
 * known role is refused first (403), whatever the id.
 */
export async function findVisibleJob(services: Pick<Services, 'repo'>, principal: Principal, id: string): Promise<ExportJob> {
  requireRole(principal);
  const job = isGuid(id) ? await services.repo.get(id.toLowerCase()) : undefined;
  if (!job || !canSee(principal, job)) throw new AppError('NOT_FOUND', 'No such export job.');
  return job;
}
