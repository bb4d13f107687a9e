import type { DataType } from '../domain/datasets.js';
import type { ExportJob, JobStatus } from '../domain/job.js';
import type { Condition, FairClaimOrder, Transition } from '../domain/lifecycle.js';

/** What the create use case records; every other field starts empty (status Pending, attempt 0). */
export type NewJob = Pick<
  ExportJob,
  'id' | 'organizationId' | 'createdBy' | 'request' | 'createdAt' | 'fileName' | 'contentType' | 'retryOf'
> &
  Partial<Pick<ExportJob, 'createdByOrganizationId' | 'idempotencyKey' | 'requestHash'>>;

export interface ListQuery {
  readonly organizationId?: string;
  /** Only jobs this user created (in `organizationId`, as a user of it). */
  readonly createdBy?: string;
  /** Also every job this user of this organization created, whichever organization it exports. */
  readonly orCreatedBy?: { readonly userId: string; readonly organizationId: string };
  readonly status?: JobStatus;
  readonly dataType?: DataType;
  readonly limit: number;
  /** Continue after this (createdAt, id), newest first. */
  readonly after?: { readonly createdAt: string; readonly id: string };
}

export interface FindOptions {
  /** Oldest first by this field (newest first with `newestFirst`); or the fair claim order of the domain. */
  readonly orderBy: 'createdAt' | 'expiresAt' | 'completedAt' | FairClaimOrder;
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
  /**
   * Records a new Pending job; a duplicate id is a permanent error. AppError DUPLICATE when the
   * job would be a second holder of its idempotency key, or a second active retry of its
   * `retryOf` (the store enforces both atomically, so concurrent duplicates insert one job).
   */
  insert(job: NewJob): Promise<void>;
  get(id: string): Promise<ExportJob | undefined>;
  /** Newest first, keyset-paged on (createdAt, id). */
  list(query: ListQuery): Promise<ExportJob[]>;
  /** Applies the transition if its condition holds for the job now; true when it did. */
  apply(id: string, transition: Transition): Promise<boolean>;
  /** Jobs meeting the condition, in the order asked for (sweeper, purge, file reconciliation, fair claims). */
  find(condition: Condition, options: FindOptions): Promise<ExportJob[]>;
  /** How many jobs meet the condition (quotas). */
  count(condition: Condition): Promise<number>;
}
