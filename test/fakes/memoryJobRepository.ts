import { AppError } from '../../shared/domain/errors.js';
import type { ExportJob } from '../../shared/domain/job.js';
import { activeRetryOf, applyChanges, conditionOf, holds, runningAt } from '../../shared/domain/lifecycle.js';
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
      // The unique indexes of the SQL store: one holder per idempotency key, one active retry per job.
      const values = [...jobs.values()];
      if (
        (job.idempotencyKey && values.some((j) => j.idempotencyKey === job.idempotencyKey)) ||
        (job.retryOf && values.some((j) => holds(activeRetryOf(job.retryOf as string), j)))
      ) {
        throw new AppError('DUPLICATE', 'The job holds an idempotency key or retry that another job holds.');
      }
      jobs.set(job.id, {
        ...structuredClone(job),
        createdByOrganizationId: job.createdByOrganizationId ?? job.organizationId,
        idempotencyKey: job.idempotencyKey ?? null,
        requestHash: job.requestHash ?? null,
        status: 'Pending',
        updatedAt: job.createdAt,
        startedAt: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        rowsTotal: null,
        rowsPerSecond: null,
        progressAt: null,
        eventsQueuedAt: null,
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
            (((!q.organizationId || j.organizationId === q.organizationId) &&
              (!q.createdBy ||
                (j.createdBy === q.createdBy && (!q.organizationId || j.createdByOrganizationId === q.organizationId)))) ||
              (!!q.orCreatedBy &&
                j.createdBy === q.orCreatedBy.userId &&
                j.createdByOrganizationId === q.orCreatedBy.organizationId)) &&
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
      const order = options.orderBy;
      const text = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);
      let compare: (a: ExportJob, b: ExportJob) => number;
      if (typeof order === 'object') {
        // The fair claim order: running jobs of the organization, the preferred job, then the oldest.
        const running = runningAt(order.now);
        const busy = (j: ExportJob) =>
          [...jobs.values()].filter((r) => r.organizationId === j.organizationId && holds(running, r)).length;
        const first = (j: ExportJob) => (j.id === order.prefer ? 0 : 1);
        compare = (a, b) => busy(a) - busy(b) || first(a) - first(b) || text(a.createdAt, b.createdAt) || text(a.id, b.id);
      } else {
        const direction = options.newestFirst ? -1 : 1;
        compare = (a, b) => direction * text(a[order], b[order]);
      }
      return [...jobs.values()]
        .filter((j) => holds(condition, j))
        .sort(compare)
        .slice(0, options.limit)
        .map(copy);
    },
    async count(condition) {
      return [...jobs.values()].filter((j) => holds(condition, j)).length;
    },
  };
}
