import type { AuditAction, AuditEntry, AuditRecord } from '../domain/audit.js';

/**
 * The append-only audit trail. Nothing updates a record; `purgeBefore` deletes records older than
 * the retention, and only that. Errors are AppErrors (DATABASE_UNAVAILABLE is retryable).
 */
export interface AuditTrail {
  append(entry: AuditEntry): Promise<void>;
  /** A job's trail, oldest first, `limit` records after `afterSeq`. */
  forJob(jobId: string, options: { readonly limit: number; readonly afterSeq?: number }): Promise<AuditRecord[]>;
  /** How many of these actions this user (of this organization) took after `since`, and when the oldest of them was. */
  countRecent(query: {
    readonly actorId: string;
    readonly actorOrganizationId: string;
    readonly actions: readonly AuditAction[];
    readonly since: string;
  }): Promise<{ count: number; oldestAt: string | null }>;
  /** Deletes up to `limit` records older than `before`; returns how many. */
  purgeBefore(before: string, limit: number): Promise<number>;
}
