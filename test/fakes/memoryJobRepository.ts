import { AppError } from '../../shared/domain/errors.js';
import type { ExportJob } from '../../shared/domain/job.js';
import { applyChanges, conditionOf, holds } from '../../shared/domain/lifecycle.js';
import type { JobRepository } from '../../shared/ports/jobRepository.js';

/**
 * JobRepository in memory, for unit tests. It runs the lifecycle's conditions and changes with the
 * domain's own evaluator, and passes the same contract suite as the SQL repository.
 */
export function memoryJobRepository(): JobRepository & { readonly jobs: ReadonlyMap<string, ExportJob> } {
  const jobs = new Map<string, ExportJob>();
  // Every read hands out a copy, as a database would.
  const copy = (j: ExportJob): ExportJob => structuredClone(j);
  const byNewest = (a: ExportJob, b: ExportJob) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;

  return {
    jobs,
    async insert(job) {
      if (jobs.has(job.id)) throw new AppError('INTERNAL', 'A database operation failed.');
      jobs.set(job.id, {
        ...structuredClone(job),
        status: 'Pending',
        updatedAt: job.createdAt,
        startedAt: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        rowCount: null,
        sizeBytes: null,
        sha256: null,
        blobName: null,
        lastError: null,
        attempt: 0,
        nextAttemptAt: null,
        leaseToken: null,
        leaseExpiresAt: null,
        enqueuedAt: null,
        snapshot: null,
        checkpoint: null,
      });
    },
    async get(id) {
      const job = jobs.get(id);
      return job ? copy(job) : undefined;
    },
    async list(q) {
      const after = q.after;
      return [...jobs.values()]
        .filter(
          (j) =>
            (!q.organizationId || j.organizationId === q.organizationId) &&
            (!q.createdBy || j.createdBy === q.createdBy) &&
            (!q.status || j.status === q.status) &&
            (!q.dataType || j.request.dataType === q.dataType) &&
            (!after || j.createdAt < after.createdAt || (j.createdAt === after.createdAt && j.id < after.id)),
        )
        .sort(byNewest)
        .slice(0, q.limit)
        .map(copy);
    },
    async apply(id, transition) {
      const job = jobs.get(id);
      if (!job || !holds(conditionOf(transition), job)) return false;
      jobs.set(id, applyChanges(job, transition.changes));
      return true;
    },
    async find(condition, options) {
      const key = options.orderBy;
      const direction = options.newestFirst ? -1 : 1;
      return [...jobs.values()]
        .filter((j) => holds(condition, j))
        .sort((a, b) => direction * ((a[key] ?? '') < (b[key] ?? '') ? -1 : (a[key] ?? '') > (b[key] ?? '') ? 1 : 0))
        .slice(0, options.limit)
        .map(copy);
    },
  };
}
