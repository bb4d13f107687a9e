import { z } from 'zod';
import { dataTypes, type DataType } from './datasets.js';
import { compressions, formats, type Compression, type Format } from './formats.js';

/**
 * Glossary
 * - **job**: one requested export, a row in `export_jobs`; the row is the truth.
 * - **attempt**: one claim of a job by a worker; numbered from 1; holds a lease.
 * - **lease**: `leaseToken` + `leaseExpiresAt`; every worker write is conditional on the token
 *   (fencing), and the heartbeat extends the expiry while the export runs.
 * - **message** (doorbell): a queue message `{ jobId, attempt }` saying "attempt N may run now".
 * - **snapshot**: the upper bounds of the source keys captured at the first claim, so a resumed or
 *   retried export sees the same rows.
 * - **checkpoint**: how far a resumable export got (keyset position, staged blocks, hash state).
 * - **transition**: a named change of a job (claim, complete, cancel …), see `lifecycle.ts`.
 */
export const jobStatuses = ['Pending', 'Processing', 'Completed', 'Failed', 'Cancelled', 'Expired'] as const;
export type JobStatus = (typeof jobStatuses)[number];

/** Still running from the client's point of view (a worker will act on it). */
export const activeStatuses = ['Pending', 'Processing'] as const satisfies readonly JobStatus[];

/** Finished from the client's point of view: nothing more will happen to it but expiry. */
export const isTerminal = (s: JobStatus): boolean => !(activeStatuses as readonly JobStatus[]).includes(s);

export interface CsvOptions {
  readonly delimiter: ',' | ';' | '\t';
  readonly includeBom: boolean;
}

/** What the client asked for, validated and with every default filled in. */
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
  /**
   * When the snapshot was fixed: the "generated at" an Excel or PDF file prints (and a zip entry's
   * date), so every attempt and every regeneration of the job makes the same bytes. Absent on
   * snapshots recorded before it existed (the attempt's own time is used then).
   */
  readonly takenAt?: string;
}

export interface JobError {
  readonly code: string;
  readonly message: string;
}

export interface ExportJob {
  readonly id: string;
  /** The organization whose data the job exports (and so who may see it). */
  readonly organizationId: string;
  /** User id (`sub`) of the creator. */
  readonly createdBy: string;
  /**
   * The creator's own organization. A user id is unique only within an organization's identity
   * records, so "the creator" is (createdBy, createdByOrganizationId); it differs from
   * organizationId only for a SuperAdmin's export of another organization.
   */
  readonly createdByOrganizationId: string;
  readonly request: ExportRequest;
  readonly status: JobStatus;
  readonly createdAt: string;
  /** Last change of status (the doorbell sweeper waits for it to be this old before re-sending). */
  readonly updatedAt: string;
  readonly startedAt: string | null;
  readonly completedAt: string | null;
  readonly expiresAt: string | null;
  readonly rowsWritten: number;
  /** Rows the export will write, counted once at the first claim (null before, or for older jobs). */
  readonly rowsTotal: number | null;
  /** The running attempt's average rate, written with its progress (null before the first heartbeat). */
  readonly rowsPerSecond: number | null;
  /** When progress was last written (heartbeat). */
  readonly progressAt: string | null;
  /** When the job's terminal event was handed to the organization's webhooks (null = not yet). */
  readonly eventsQueuedAt: string | null;
  readonly rowCount: number | null;
  readonly sizeBytes: number | null;
  readonly sha256: string | null;
  readonly blobName: string | null;
  readonly fileName: string;
  readonly contentType: string;
  /** The most recent error of any attempt; on a Failed job, the reason it failed (see `failureOf`). */
  readonly lastError: JobError | null;
  readonly attempt: number;
  readonly nextAttemptAt: string | null;
  readonly leaseToken: string | null;
  readonly leaseExpiresAt: string | null;
  /** When the doorbell for the current attempt was last sent (outbox); null = never sent. */
  readonly enqueuedAt: string | null;
  readonly retryOf: string | null;
  /**
   * The client's `Idempotency-Key`, scoped to its creator (a hash, see app/idempotency.ts); null
   * when none was sent or once the key's 24 hours are over.
   */
  readonly idempotencyKey: string | null;
  /** Hash of the operation and request the key was first used with (a reuse must match it). */
  readonly requestHash: string | null;
  readonly snapshot: Snapshot | null;
  /** Opaque checkpoint of a resumable export (see shared/app/export/checkpoint.ts). */
  readonly checkpoint: string | null;
}

/** Why a Failed job failed; null for any other status. */
export const failureOf = (job: Pick<ExportJob, 'status' | 'lastError'>): JobError | null =>
  job.status === 'Failed' ? job.lastError : null;

// Stored JSON is parsed, not cast: a row written by an older or broken version fails loudly here
// instead of deep inside an export.

/** The stored form of an ExportRequest (`request_json`). */
export const storedRequestSchema: z.ZodType<ExportRequest> = z.object({
  dataType: z.enum(dataTypes),
  format: z.enum(formats),
  dateRange: z.object({ from: z.string(), to: z.string() }),
  filters: z.object({ userId: z.string().optional(), organizationId: z.string().optional() }),
  columns: z.array(z.string()).optional(),
  compression: z.enum(compressions),
  csv: z.object({ delimiter: z.enum([',', ';', '\t']), includeBom: z.boolean() }),
});

/** The stored form of a Snapshot (`snapshot_json`). */
export const storedSnapshotSchema: z.ZodType<Snapshot> = z.object({
  maxSessionSeq: z.number().int().min(0),
  maxUserSeq: z.number().int().min(0),
  takenAt: z.string().optional(),
});
