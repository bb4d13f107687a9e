import type { DataType } from './datasets.js';
import type { Compression, Format } from './formats.js';

/**
 * Glossary
 * - **job**: one requested export, a row in `export_jobs`; the row is the truth.
 * - **attempt**: one claim of a job by a worker; numbered from 1; holds a lease.
 * - **lease**: `leaseToken` + `leaseExpiresAt`; every worker write is conditional on the token
 *   (fencing), and the heartbeat extends the expiry while the export runs.
 * - **message**: a queue doorbell `{ jobId, attempt }` saying "attempt N may run now".
 * - **snapshot**: the upper bounds of the source keys captured at the first claim, so a resumed or
 *   retried export sees the same rows.
 * - **checkpoint**: how far a resumable export got (keyset position, staged blocks, hash state).
 */
export const jobStatuses = ['Pending', 'Processing', 'Completed', 'Failed', 'Cancelled', 'Expired'] as const;
export type JobStatus = (typeof jobStatuses)[number];

const allowed: Readonly<Record<JobStatus, readonly JobStatus[]>> = {
  Pending: ['Processing', 'Cancelled', 'Failed'],
  // Processing → Pending: a transient failure waiting for its backoff retry.
  Processing: ['Completed', 'Failed', 'Cancelled', 'Pending', 'Processing'],
  Completed: ['Expired'],
  Failed: [],
  Cancelled: [],
  Expired: [],
};

/** Finished from the client's point of view: nothing more will happen to it but expiry. */
export const isTerminal = (s: JobStatus): boolean => s !== 'Pending' && s !== 'Processing';

export function canTransition(from: JobStatus, to: JobStatus): boolean {
  return allowed[from].includes(to);
}

/** Statuses a transition into `to` may start from, for conditional updates. */
export function sourcesOf(to: JobStatus): JobStatus[] {
  return jobStatuses.filter((s) => allowed[s].includes(to));
}

export interface CsvOptions {
  readonly delimiter: ',' | ';' | '\t';
  readonly includeBom: boolean;
}

/** What the client asked for, validated. */
export interface ExportRequest {
  readonly dataType: DataType;
  readonly format: Format;
  readonly dateRange: { readonly from: string; readonly to: string };
  readonly filters: { readonly userId?: string; readonly organizationId?: string };
  readonly columns?: readonly string[];
  readonly compression: Compression;
  readonly csv: CsvOptions;
}

/** Upper bounds of the source tables' monotonic keys at the first claim. */
export interface Snapshot {
  readonly maxSessionSeq: number;
  readonly maxUserSeq: number;
}

export interface JobError {
  readonly code: string;
  readonly message: string;
}

export interface ExportJob {
  readonly id: string;
  readonly organizationId: string;
  readonly createdBy: string;
  readonly request: ExportRequest;
  readonly status: JobStatus;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly expiresAt: string | null;
  readonly rowsWritten: number;
  readonly rowCount: number | null;
  readonly sizeBytes: number | null;
  readonly sha256: string | null;
  readonly blobName: string | null;
  readonly fileName: string;
  readonly contentType: string;
  /** The reason a Failed job failed; null otherwise. */
  readonly error: JobError | null;
  /** The most recent error of any attempt (e.g. why a Pending job is waiting for a retry). */
  readonly lastError: JobError | null;
  readonly attempt: number;
  readonly nextAttemptAt: string | null;
  readonly leaseToken: string | null;
  readonly leaseExpiresAt: string | null;
  /** When the doorbell for the current attempt was last sent (outbox); null = never sent. */
  readonly enqueuedAt: string | null;
  readonly retryOf: string | null;
  readonly snapshot: Snapshot | null;
  /** Opaque checkpoint of a resumable export (see shared/app/export/checkpoint.ts). */
  readonly checkpoint: string | null;
}
