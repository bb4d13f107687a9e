import type { ExportJob, JobError, JobStatus, Snapshot } from '../domain/job.js';
import type { DataType } from '../domain/datasets.js';

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

export interface Lease {
  readonly token: string;
  readonly expiresAt: string;
}

export interface CompletedResult {
  readonly rowCount: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly blobName: string;
  readonly completedAt: string;
  readonly expiresAt: string;
}

/**
 * Export jobs. Every state change is a conditional update that reports whether it happened;
 * worker writes are fenced by the lease token, so a stale attempt changes nothing.
 */
export interface JobRepository {
  insert(job: NewJob): Promise<void>;
  get(id: string): Promise<ExportJob | undefined>;
  list(query: ListQuery): Promise<ExportJob[]>;
  /** Records that the doorbell for `attempt` was sent (outbox). */
  markEnqueued(id: string, attempt: number, at: string): Promise<void>;
  /**
   * Starts attempt `attempt + 1`: Pending (due) or Processing with an expired lease → Processing.
   * Sets the snapshot if the job has none. Undefined when the job is not claimable now.
   */
  claim(id: string, lease: Lease, now: string, snapshot: () => Promise<Snapshot>): Promise<ExportJob | undefined>;
  /** Extends the lease and records progress; false when the lease is lost or the job was cancelled. */
  heartbeat(
    id: string,
    leaseToken: string,
    progress: { rowsWritten: number; leaseExpiresAt: string; checkpoint?: string | null },
  ): Promise<boolean>;
  complete(id: string, leaseToken: string, result: CompletedResult): Promise<boolean>;
  /** Processing → Failed, fenced. */
  fail(id: string, leaseToken: string, error: JobError, at: string): Promise<boolean>;
  /** Processing → Pending until `nextAttemptAt`, fenced; keeps the checkpoint for resume. */
  scheduleRetry(id: string, leaseToken: string, error: JobError, nextAttemptAt: string): Promise<boolean>;
  /** Pending|Processing → Cancelled. */
  cancel(id: string, at: string): Promise<boolean>;
  /** Any non-terminal → Failed, unfenced (dead letters, the sweeper giving up). */
  failUnlessTerminal(id: string, error: JobError, at: string): Promise<boolean>;
  /** Completed jobs whose expiresAt has passed. */
  findExpired(now: string, limit: number): Promise<ExportJob[]>;
  /** Completed → Expired, only once expiresAt has passed. */
  markExpired(id: string, now: string): Promise<boolean>;
  /**
   * Jobs whose doorbell must be (re)sent: Pending and due with no send recorded since it became
   * due, or sent more than `staleBefore` ago; Processing with an expired lease.
   */
  findDue(now: string, staleBefore: string, limit: number): Promise<ExportJob[]>;
}
