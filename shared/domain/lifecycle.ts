import { isTerminal, jobStatuses, type ExportJob, type JobError, type JobStatus, type Snapshot } from './job.js';

/**
 * The job lifecycle: every change a job can go through, by name, each declaring the statuses it may
 * start from (with the extra condition each one needs, e.g. "this worker holds the lease"), the
 * status it leads to, and the fields it sets or resets.
 *
 * The job store applies a transition as ONE conditional update — SQL builds its `WHERE` and `SET`
 * from it (shared/adapters/sql/jobStore.ts), the in-memory store evaluates the same condition — and
 * reports whether it happened. A duplicate or late caller therefore finds nothing to change: that
 * is what makes at-least-once queues, sweepers and concurrent workers safe.
 *
 * ```
 *   Pending ──claim──► Processing ──complete──► Completed ──expire──► Expired
 *     ▲  ▲ │              │  │ ╲                 │
 *     │  │ │ cancel,      │  │  fail, deadLetter ──► Failed
 *     │  │ │ deadLetter   │  cancel ──► Cancelled
 *     │  │ ▼              │                     │
 *     │  └── scheduleRetry┘   (claim again from Processing once its lease has expired)
 *     └──────────────────────────── regenerate ─┘  (its file vanished before expiresAt)
 * ```
 * Failed, Cancelled and Expired are final; `retryAsNewJob` makes a NEW job from one of them.
 */

/** Timestamp fields a condition can compare with a time (ISO-8601 UTC strings compare as text). */
export type TimeField =
  'leaseExpiresAt' | 'nextAttemptAt' | 'enqueuedAt' | 'updatedAt' | 'expiresAt' | 'createdAt' | 'completedAt' | 'eventsQueuedAt';

/** Text fields a condition can compare with a value (who, whose, which). */
export type KeyField = 'organizationId' | 'createdBy' | 'createdByOrganizationId' | 'retryOf' | 'idempotencyKey';

/** A condition on one stored job; a tiny language both stores can run. */
export type Condition =
  | { readonly op: 'always' }
  | { readonly op: 'status'; readonly is: JobStatus }
  | { readonly op: 'leaseHeldBy'; readonly token: string }
  /** `field < time` (or `<=` when `orEqual`). A null field is never before anything. */
  | { readonly op: 'before'; readonly field: TimeField; readonly time: string; readonly orEqual: boolean }
  /** `field > time` (or `>=` when `orEqual`). A null field is never after anything. */
  | { readonly op: 'after'; readonly field: TimeField; readonly time: string; readonly orEqual: boolean }
  | { readonly op: 'isNull'; readonly field: TimeField | 'snapshot' }
  /** `field = value`. A null field equals nothing. */
  | { readonly op: 'equals'; readonly field: KeyField; readonly value: string }
  | { readonly op: 'all'; readonly of: readonly Condition[] }
  | { readonly op: 'any'; readonly of: readonly Condition[] };

const always: Condition = { op: 'always' };
const all = (...of: Condition[]): Condition => ({ op: 'all', of });
const any = (...of: Condition[]): Condition => ({ op: 'any', of });
const isNull = (field: TimeField | 'snapshot'): Condition => ({ op: 'isNull', field });
const before = (field: TimeField, time: string): Condition => ({ op: 'before', field, time, orEqual: false });
const atOrBefore = (field: TimeField, time: string): Condition => ({ op: 'before', field, time, orEqual: true });
const after = (field: TimeField, time: string): Condition => ({ op: 'after', field, time, orEqual: false });
const atOrAfter = (field: TimeField, time: string): Condition => ({ op: 'after', field, time, orEqual: true });
const leaseHeldBy = (token: string): Condition => ({ op: 'leaseHeldBy', token });
const equals = (field: KeyField, value: string): Condition => ({ op: 'equals', field, value });
const statusIs = (is: JobStatus): Condition => ({ op: 'status', is });

/** Fields a transition may write. */
export type WritableField =
  | 'status'
  | 'updatedAt'
  | 'startedAt'
  | 'completedAt'
  | 'expiresAt'
  | 'rowsWritten'
  | 'rowCount'
  | 'sizeBytes'
  | 'sha256'
  | 'blobName'
  | 'lastError'
  | 'nextAttemptAt'
  | 'leaseToken'
  | 'leaseExpiresAt'
  | 'enqueuedAt'
  | 'snapshot'
  | 'checkpoint'
  | 'idempotencyKey'
  | 'rowsTotal'
  | 'rowsPerSecond'
  | 'progressAt'
  | 'eventsQueuedAt';

export interface JobChanges {
  readonly set: Readonly<Partial<Pick<ExportJob, WritableField>>>;
  /** `attempt + 1` (a claim starts the next attempt). */
  readonly nextAttempt?: true;
  /** `startedAt` when it is still null (the first claim). */
  readonly startedAtIfUnset?: string;
}

export type TransitionName =
  | 'claim'
  | 'fixSnapshot'
  | 'heartbeat'
  | 'complete'
  | 'fail'
  | 'scheduleRetry'
  | 'cancel'
  | 'deadLetter'
  | 'expire'
  | 'recordDoorbell'
  | 'releaseIdempotencyKey'
  | 'regenerate'
  | 'recordEventsQueued';

export interface Transition {
  readonly name: TransitionName;
  /** Each status the transition may start from, with what must also hold for that status. */
  readonly from: Readonly<Partial<Record<JobStatus, Condition>>>;
  /** Undefined: the status does not change (heartbeat, doorbell, snapshot). */
  readonly to?: JobStatus;
  readonly changes: JobChanges;
}

/** The whole condition of a transition, status included: what its conditional update checks. */
export function conditionOf(t: Pick<Transition, 'from'>): Condition {
  const sources = Object.entries(t.from) as [JobStatus, Condition][];
  return any(...sources.map(([status, extra]) => all({ op: 'status', is: status }, extra)));
}

/** Does the stored job meet the condition? (The in-memory store; SQL compiles the same tree.) */
export function holds(c: Condition, job: ExportJob): boolean {
  switch (c.op) {
    case 'always':
      return true;
    case 'status':
      return job.status === c.is;
    case 'leaseHeldBy':
      return job.leaseToken === c.token;
    case 'before': {
      const value = job[c.field];
      return value !== null && (c.orEqual ? value <= c.time : value < c.time);
    }
    case 'after': {
      const value = job[c.field];
      return value !== null && (c.orEqual ? value >= c.time : value > c.time);
    }
    case 'isNull':
      return job[c.field] === null;
    case 'equals':
      return job[c.field] === c.value;
    case 'all':
      return c.of.every((x) => holds(x, job));
    case 'any':
      return c.of.some((x) => holds(x, job));
  }
}

/** The job after the changes (the in-memory store; SQL turns the same changes into `SET`). */
export function applyChanges(job: ExportJob, changes: JobChanges): ExportJob {
  return {
    ...job,
    ...changes.set,
    ...(changes.nextAttempt ? { attempt: job.attempt + 1 } : {}),
    ...(changes.startedAtIfUnset !== undefined && job.startedAt === null ? { startedAt: changes.startedAtIfUnset } : {}),
  };
}

/** No lease: what a transition out of Processing leaves behind. */
const released = { leaseToken: null, leaseExpiresAt: null } as const;

// ---------------------------------------------------------------------------------------------
// Named conditions, each written once and shared by the transitions and the queries that use it.

/** A Pending job whose backoff delay (if any) is over. */
const dueAt = (now: string): Condition => any(isNull('nextAttemptAt'), atOrBefore('nextAttemptAt', now));
/** A Processing job whose worker stopped heartbeating (it died or hangs): another may take over. */
const leaseExpiredAt = (now: string): Condition => before('leaseExpiresAt', now);
/** A Completed job whose file has outlived its lifetime. */
const fileExpiredAt = (now: string): Condition => atOrBefore('expiresAt', now);
/** A Completed job whose file must still exist: the exact opposite of `fileExpiredAt`. */
const fileLiveAt = (now: string): Condition => after('expiresAt', now);

export interface Lease {
  readonly token: string;
  readonly expiresAt: string;
}

export interface CompletedFile {
  readonly rowCount: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly blobName: string;
  readonly completedAt: string;
  readonly expiresAt: string;
}

export interface Progress {
  readonly rowsWritten: number;
  /** The attempt's average rate so far; undefined keeps the one stored. */
  readonly rowsPerSecond?: number;
  /** When the progress was measured. */
  readonly at?: string;
  readonly leaseExpiresAt: string;
  /** Replaces the checkpoint; undefined keeps the one stored. */
  readonly checkpoint?: string | null;
}

/**
 * The statuses a job announces to webhooks when it first reaches one of them: Completed, Failed,
 * Cancelled. (Expired follows Completed and is not announced again; a job that expired before its
 * announcement went out is still announced, as expired.)
 */
export const eventStatuses = ['Completed', 'Failed', 'Cancelled', 'Expired'] as const satisfies readonly JobStatus[];

/** Ends a job for good with an error (fail, deadLetter). */
const failed = (error: JobError, at: string): JobChanges['set'] => ({
  status: 'Failed',
  lastError: error,
  completedAt: at,
  updatedAt: at,
  nextAttemptAt: null,
  checkpoint: null,
  ...released,
});

/**
 * The transitions. Worker writes (heartbeat, complete, fail, scheduleRetry) are fenced: only the
 * attempt holding the lease, only while Processing. A cancelled or taken-over worker's next write
 * therefore changes nothing, which is how it learns to stop.
 */
export const lifecycle = {
  /** Starts the next attempt: a due Pending job, or a Processing one whose lease expired. */
  claim: (now: string, lease: Lease): Transition => ({
    name: 'claim',
    from: { Pending: dueAt(now), Processing: leaseExpiredAt(now) },
    to: 'Processing',
    changes: {
      set: {
        status: 'Processing',
        leaseToken: lease.token,
        leaseExpiresAt: lease.expiresAt,
        nextAttemptAt: null,
        updatedAt: now,
        // A new attempt measures its own rate.
        rowsPerSecond: null,
      },
      nextAttempt: true,
      startedAtIfUnset: now,
    },
  }),

  /**
   * Fixes the snapshot once, at the first claim, with the number of rows the export will write
   * under it (counted once, so progress can show a percentage); retries and resumes keep both.
   */
  fixSnapshot: (leaseToken: string, snapshot: Snapshot, rowsTotal?: number): Transition => ({
    name: 'fixSnapshot',
    from: { Processing: all(leaseHeldBy(leaseToken), isNull('snapshot')) },
    changes: { set: { snapshot, ...(rowsTotal !== undefined ? { rowsTotal } : {}) } },
  }),

  /** Extends the lease and records progress (and the checkpoint, when given). */
  heartbeat: (leaseToken: string, progress: Progress): Transition => ({
    name: 'heartbeat',
    from: { Processing: leaseHeldBy(leaseToken) },
    changes: {
      set: {
        rowsWritten: progress.rowsWritten,
        leaseExpiresAt: progress.leaseExpiresAt,
        ...(progress.rowsPerSecond !== undefined ? { rowsPerSecond: progress.rowsPerSecond } : {}),
        ...(progress.at !== undefined ? { progressAt: progress.at } : {}),
        ...(progress.checkpoint !== undefined ? { checkpoint: progress.checkpoint } : {}),
      },
    },
  }),

  /** The file is committed: record it and when it expires. */
  complete: (leaseToken: string, file: CompletedFile): Transition => ({
    name: 'complete',
    from: { Processing: leaseHeldBy(leaseToken) },
    to: 'Completed',
    changes: {
      set: {
        status: 'Completed',
        rowsWritten: file.rowCount,
        rowCount: file.rowCount,
        sizeBytes: file.sizeBytes,
        sha256: file.sha256,
        blobName: file.blobName,
        completedAt: file.completedAt,
        expiresAt: file.expiresAt,
        updatedAt: file.completedAt,
        checkpoint: null,
        lastError: null,
        ...released,
      },
    },
  }),

  /** A permanent error, or the last attempt's transient one: the job fails for good. */
  fail: (leaseToken: string, error: JobError, at: string): Transition => ({
    name: 'fail',
    from: { Processing: leaseHeldBy(leaseToken) },
    to: 'Failed',
    changes: { set: failed(error, at) },
  }),

  /** A transient error: back to Pending until `nextAttemptAt`; the checkpoint stays for the resume. */
  scheduleRetry: (leaseToken: string, error: JobError, nextAttemptAt: string): Transition => ({
    name: 'scheduleRetry',
    from: { Processing: leaseHeldBy(leaseToken) },
    to: 'Pending',
    changes: { set: { status: 'Pending', lastError: error, nextAttemptAt, ...released } },
  }),

  /** The user gave up on the job; a running worker is fenced out at its next write. */
  cancel: (at: string): Transition => ({
    name: 'cancel',
    from: { Pending: always, Processing: always },
    to: 'Cancelled',
    changes: { set: { status: 'Cancelled', completedAt: at, updatedAt: at, nextAttemptAt: null, ...released } },
  }),

  /** Its message kept failing until the queue gave up on it: fail it, unless it already ended. */
  deadLetter: (error: JobError, at: string): Transition => ({
    name: 'deadLetter',
    from: { Pending: always, Processing: always },
    to: 'Failed',
    changes: { set: failed(error, at) },
  }),

  /** The file's lifetime is over (the purge deleted it). Never before `expiresAt`. */
  expire: (now: string): Transition => ({
    name: 'expire',
    from: { Completed: fileExpiredAt(now) },
    to: 'Expired',
    changes: { set: { status: 'Expired', updatedAt: now } },
  }),

  /** The doorbell of the current attempt was sent at `at` (the outbox record). */
  recordDoorbell: (at: string): Transition => ({
    name: 'recordDoorbell',
    from: { Pending: always, Processing: always },
    changes: { set: { enqueuedAt: at } },
  }),

  /**
   * An `Idempotency-Key` is honoured for 24 hours: a job created before `createdBefore` gives its
   * key up, so the client may use it again (whatever the job's status).
   */
  releaseIdempotencyKey: (createdBefore: string): Transition => ({
    name: 'releaseIdempotencyKey',
    from: Object.fromEntries(jobStatuses.map((s) => [s, before('createdAt', createdBefore)])),
    changes: { set: { idempotencyKey: null } },
  }),

  /**
   * The file of a Completed job is gone (or not the recorded size) although it has not expired:
   * the job goes back to Pending, due now, to be exported again from its snapshot. Only before
   * `expiresAt` (after it, the file is simply expired), and only the completion that was checked
   * (`completedAt` at most the one seen), so a late report about an earlier file never sends a
   * freshly made one back. The next claim counts an attempt, so a file that keeps vanishing ends
   * `ATTEMPTS_EXHAUSTED` like any job that keeps failing.
   *
   * `rowCount`, `sizeBytes` and `sha256` are kept: they describe the file being made again (same
   * snapshot, same bytes) until `complete` records the new one. The file's own fields go.
   */
  regenerate: (now: string, checked: { readonly completedAt: string }, error: JobError): Transition => ({
    name: 'regenerate',
    from: { Completed: all(fileLiveAt(now), atOrBefore('completedAt', checked.completedAt)) },
    to: 'Pending',
    changes: {
      set: {
        status: 'Pending',
        lastError: error,
        nextAttemptAt: now,
        updatedAt: now,
        enqueuedAt: null,
        blobName: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        checkpoint: null,
      },
    },
  }),

  /**
   * The job's terminal event was handed to its organization's webhooks (deliveries recorded and
   * their doorbells rung): once per job, so the sweeper's safety net does not fan out again.
   */
  recordEventsQueued: (at: string): Transition => ({
    name: 'recordEventsQueued',
    from: Object.fromEntries(eventStatuses.map((s) => [s, isNull('eventsQueuedAt')])),
    changes: { set: { eventsQueuedAt: at } },
  }),
} as const;

/** Terminal jobs whose event was not handed to the webhooks yet (the sweeper's safety net). */
export const needsEventFanOut: Condition = conditionOf({
  from: Object.fromEntries(eventStatuses.map((s) => [s, isNull('eventsQueuedAt')])),
});

/** Pending or Processing: a job that still holds a place (quotas count these). */
export const isActive: Condition = any(statusIs('Pending'), statusIs('Processing'));

/** The active jobs of an organization (its quota). */
export const activeJobsOf = (organizationId: string): Condition => all(isActive, equals('organizationId', organizationId));

/** The active jobs a user created (their quota); a user id counts with its organization. */
export const activeJobsCreatedBy = (userId: string, organizationId: string): Condition =>
  all(isActive, equals('createdBy', userId), equals('createdByOrganizationId', organizationId));

/** The active retry of a job: there is at most one (the job store enforces it). */
export const activeRetryOf = (jobId: string): Condition => all(isActive, equals('retryOf', jobId));

/** The job that holds an idempotency key (at most one: the job store enforces it). */
export const holdsIdempotencyKey = (key: string): Condition => equals('idempotencyKey', key);

/** Jobs a free worker may claim now: exactly the jobs `lifecycle.claim` applies to. */
// Stryker disable next-line StringLiteral: only the claim's condition is used, and it does not read the lease
export const claimableAt = (now: string): Condition => conditionOf(lifecycle.claim(now, { token: '', expiresAt: '' }));

/**
 * A job a live worker is running: Processing with a lease that has not run out. (One whose lease
 * ran out is claimable again and does not count as running.)
 */
export const runningAt = (now: string): Condition => all(statusIs('Processing'), atOrAfter('leaseExpiresAt', now));

/**
 * **Fair claim order.** A doorbell does not insist on its own job: a worker that is free claims,
 * among the claimable jobs, the one whose organization has the fewest jobs running (`runningAt`);
 * among those it prefers the doorbell's own job, then the oldest (createdAt, id). One organization's
 * backlog therefore waits behind at most the exports already running: the next free worker serves
 * an organization that has nothing running. Because every job brings one doorbell and every
 * doorbell claims at most one job, no job is left without one: a job passed over is claimed by the
 * doorbell of the job that went first. Both job stores order by exactly this (see JobRepository).
 */
export interface FairClaimOrder {
  readonly kind: 'fairShare';
  readonly now: string;
  /** The doorbell's own job: first among equals. */
  readonly prefer?: string;
}

/**
 * Jobs whose doorbell must be (re)sent: Pending and due, never sent or sent before `staleBefore`
 * and unchanged since then; Processing with an expired lease (its worker died: the doorbell lets
 * the next claim take over). The same conditions as `claim`, plus the outbox's.
 */
export const needsDoorbell = (now: string, staleBefore: string): Condition =>
  any(
    all(
      { op: 'status', is: 'Pending' },
      dueAt(now),
      any(isNull('enqueuedAt'), atOrBefore('enqueuedAt', staleBefore)),
      atOrBefore('updatedAt', staleBefore),
    ),
    all({ op: 'status', is: 'Processing' }, leaseExpiredAt(now)),
  );

/** Completed jobs whose file's lifetime is over: what the purge deletes and then `expire`s. */
export const fileExpired = (now: string): Condition => conditionOf(lifecycle.expire(now));

/**
 * Completed jobs whose file must exist now (not expired), completed at or after `completedSince`
 * when given: what the reconciliation checks.
 */
export const fileShouldExist = (now: string, completedSince?: string): Condition =>
  all(
    { op: 'status', is: 'Completed' },
    fileLiveAt(now),
    ...(completedSince !== undefined ? [atOrAfter('completedAt', completedSince)] : []),
  );

/**
 * An active job that had completed once and is being exported again because its file was lost
 * (`regenerate` keeps the recorded digest; nothing else gives an active job one).
 */
export const isRegenerating = (job: Pick<ExportJob, 'status' | 'sha256'>): boolean =>
  !isTerminal(job.status) && job.sha256 !== null;

/**
 * Retry-as-new-job: a Failed, Cancelled or Expired job may be run again as a NEW job with the same
 * request (`retryOf` = its id). Terminal states stay terminal, so a client polling the old id keeps
 * its answer and every run keeps its own record.
 */
export const retryableStatuses = ['Failed', 'Cancelled', 'Expired'] as const satisfies readonly JobStatus[];
export const canRetryAsNewJob = (status: JobStatus): boolean => (retryableStatuses as readonly JobStatus[]).includes(status);
