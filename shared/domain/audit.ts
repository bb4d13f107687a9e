/**
 * The audit trail: an append-only record of who did what to which export, from where. Records
 * are never changed; they are deleted only when older than the retention (EXPORT_AUDIT_RETENTION_DAYS).
 */
export const auditActions = [
  /** A job was created (POST /api/export-jobs). */
  'create',
  /** A job was cancelled. */
  'cancel',
  /** A job was retried as a new job (recorded on the NEW job; `detail` names the original). */
  'retry',
  /** The file was streamed through the API (GET or a Range of it). */
  'download',
  /** A read-only SAS URL to the file was minted: on GET of the job, or for a download redirect. */
  'sas-url',
  /** A legacy synchronous download or dashboard summary (no job; the dataset and range in `detail`). */
  'legacy-export',
  /** A webhook endpoint was registered (`detail` names it: `webhook=<id>`). */
  'webhook-create',
  /** A webhook endpoint's signing secret was rotated. */
  'webhook-rotate',
  /** A webhook endpoint was removed. */
  'webhook-delete',
] as const;
export type AuditAction = (typeof auditActions)[number];

/** The actions that start an export, which the per-user rate limit counts. */
export const exportStartingActions: readonly AuditAction[] = ['create', 'retry', 'legacy-export'];

/** Where a request came from, as recorded with what it did. */
export interface RequestOrigin {
  /** The request id (a client's well-formed `X-Request-Id`, else one we made). */
  readonly requestId: string | null;
  /** The client address as the platform reports it. */
  readonly clientAddress: string | null;
}

export const unknownOrigin: RequestOrigin = { requestId: null, clientAddress: null };

export interface AuditEntry {
  readonly at: string;
  readonly action: AuditAction;
  /** Null for legacy exports, which have no job. */
  readonly jobId: string | null;
  /** The organization whose data was touched. */
  readonly organizationId: string;
  readonly actorId: string;
  readonly actorOrganizationId: string;
  readonly clientAddress: string | null;
  readonly requestId: string | null;
  /** A short, safe note (no personal data): e.g. `retryOf=<id>`, `range=0-99`, `sessions 2026-01-01..2026-01-31`. */
  readonly detail: string | null;
}

/** A stored entry: `seq` orders the trail. */
export interface AuditRecord extends AuditEntry {
  readonly seq: number;
}
