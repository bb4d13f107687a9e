// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
export const isTerminal = stryMutAct_9fa48("226") ? () => undefined : (stryCov_9fa48("226"), (() => {
  const isTerminal = (s: JobStatus): boolean => stryMutAct_9fa48("227") ? (activeStatuses as readonly JobStatus[]).includes(s) : (stryCov_9fa48("227"), !(activeStatuses as readonly JobStatus[]).includes(s));
  return isTerminal;
})());
export interface CsvOptions {
  readonly delimiter: ',' | ';' | '\t';
  readonly includeBom: boolean;
}

/** What the client asked for, validated and with every default filled in. */
export interface ExportRequest {
  readonly dataType: DataType;
  readonly format: Format;
  readonly dateRange: {
    readonly from: string;
    readonly to: string;
  };
  readonly filters: {
    readonly userId?: string;
    readonly organizationId?: string;
  };
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
  /** Last change of status (the doorbell sweeper waits for it to be this old before re-sending). */
  readonly updatedAt: string;
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
  /** The most recent error of any attempt; on a Failed job, the reason it failed (see `failureOf`). */
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

/** Why a Failed job failed; null for any other status. */
export const failureOf = stryMutAct_9fa48("228") ? () => undefined : (stryCov_9fa48("228"), (() => {
  const failureOf = (job: Pick<ExportJob, 'status' | 'lastError'>): JobError | null => (stryMutAct_9fa48("231") ? job.status !== 'Failed' : stryMutAct_9fa48("230") ? false : stryMutAct_9fa48("229") ? true : (stryCov_9fa48("229", "230", "231"), job.status === (stryMutAct_9fa48("232") ? "" : (stryCov_9fa48("232"), 'Failed')))) ? job.lastError : null;
  return failureOf;
})());

// Stored JSON is parsed, not cast: a row written by an older or broken version fails loudly here
// instead of deep inside an export.

/** The stored form of an ExportRequest (`request_json`). */
export const storedRequestSchema: z.ZodType<ExportRequest> = z.object(stryMutAct_9fa48("233") ? {} : (stryCov_9fa48("233"), {
  dataType: z.enum(dataTypes),
  format: z.enum(formats),
  dateRange: z.object(stryMutAct_9fa48("234") ? {} : (stryCov_9fa48("234"), {
    from: z.string(),
    to: z.string()
  })),
  filters: z.object(stryMutAct_9fa48("235") ? {} : (stryCov_9fa48("235"), {
    userId: z.string().optional(),
    organizationId: z.string().optional()
  })),
  columns: z.array(z.string()).optional(),
  compression: z.enum(compressions),
  csv: z.object(stryMutAct_9fa48("236") ? {} : (stryCov_9fa48("236"), {
    delimiter: z.enum(stryMutAct_9fa48("237") ? [] : (stryCov_9fa48("237"), [stryMutAct_9fa48("238") ? "" : (stryCov_9fa48("238"), ','), stryMutAct_9fa48("239") ? "" : (stryCov_9fa48("239"), ';'), stryMutAct_9fa48("240") ? "" : (stryCov_9fa48("240"), '\t')])),
    includeBom: z.boolean()
  }))
}));

/** The stored form of a Snapshot (`snapshot_json`). */
export const storedSnapshotSchema: z.ZodType<Snapshot> = z.object(stryMutAct_9fa48("241") ? {} : (stryCov_9fa48("241"), {
  maxSessionSeq: stryMutAct_9fa48("242") ? z.number().int().max(0) : (stryCov_9fa48("242"), z.number().int().min(0)),
  maxUserSeq: stryMutAct_9fa48("243") ? z.number().int().max(0) : (stryCov_9fa48("243"), z.number().int().min(0))
}));