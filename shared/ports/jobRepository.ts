import type { DataType } from '../domain/datasets.js';
import type { ExportJob, JobStatus } from '../domain/job.js';
import type { Condition, Transition } from '../domain/lifecycle.js';

/** What the create use case records; every other field starts empty (status Pending, attempt 0). */
export type NewJob = Pick<
  ExportJob,
  'id' | 'organizationId' | 'createdBy' | 'request' | 'createdAt' | 'fileName' | 'contentType' | 'retryOf'
>;

export interface ListQuery {
  readonly organizationId?: string;
  readonly createdBy?: string;
  readonly status?: JobStatus;
  readonly dataType?: DataType;
  readonly limit: number;
  /** Continue after this (createdAt, id), newest first. */
  readonly after?: { readonly createdAt: string; readonly id: string };
}

export interface FindOptions {
  /** Oldest first by this field (newest first with `newestFirst`). */
  readonly orderBy: 'createdAt' | 'expiresAt' | 'completedAt';
  readonly newestFirst?: boolean;
  readonly limit: number;
}

/**
 * Export jobs. The rules of their lifecycle are the domain's (`shared/domain/lifecycle.ts`); the
 * repository applies a transition as one atomic conditional update and says whether it happened,
 * so a stale or duplicate caller changes nothing. Errors are AppErrors (DATABASE_UNAVAILABLE is
 * retryable).
 */
export interface JobRepository {
  /** Records a new Pending job; a duplicate id is a permanent error. */
  insert(job: NewJob): Promise<void>;
  get(id: string): Promise<ExportJob | undefined>;
  /** Newest first, keyset-paged on (createdAt, id). */
  list(query: ListQuery): Promise<ExportJob[]>;
  /** Applies the transition if its condition holds for the job now; true when it did. */
  apply(id: string, transition: Transition): Promise<boolean>;
  /** Jobs meeting the condition, in the order asked for (sweeper, purge, file reconciliation). */
  find(condition: Condition, options: FindOptions): Promise<ExportJob[]>;
}
