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
import type { ExportJob, JobError, JobStatus, Snapshot } from './job.js';

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
 *     ▲  │                │  │ ╲
 *     │  │ cancel,        │  │  fail, deadLetter ──► Failed
 *     │  │ deadLetter     │  cancel ──► Cancelled
 *     │  ▼                │
 *     └──── scheduleRetry ┘   (claim again from Processing once its lease has expired)
 * ```
 * Failed, Cancelled and Expired are final; `retryAsNewJob` makes a NEW job from one of them.
 */

/** Timestamp fields a condition can compare with a time (ISO-8601 UTC strings compare as text). */
export type TimeField = 'leaseExpiresAt' | 'nextAttemptAt' | 'enqueuedAt' | 'updatedAt' | 'expiresAt';

/** A condition on one stored job; a tiny language both stores can run. */
export type Condition = {
  readonly op: 'always';
} | {
  readonly op: 'status';
  readonly is: JobStatus;
} | {
  readonly op: 'leaseHeldBy';
  readonly token: string;
}
/** `field < time` (or `<=` when `orEqual`). A null field is never before anything. */ | {
  readonly op: 'before';
  readonly field: TimeField;
  readonly time: string;
  readonly orEqual: boolean;
} | {
  readonly op: 'isNull';
  readonly field: TimeField | 'snapshot';
} | {
  readonly op: 'all';
  readonly of: readonly Condition[];
} | {
  readonly op: 'any';
  readonly of: readonly Condition[];
};
const always: Condition = stryMutAct_9fa48("244") ? {} : (stryCov_9fa48("244"), {
  op: stryMutAct_9fa48("245") ? "" : (stryCov_9fa48("245"), 'always')
});
const all = stryMutAct_9fa48("246") ? () => undefined : (stryCov_9fa48("246"), (() => {
  const all = (...of: Condition[]): Condition => stryMutAct_9fa48("247") ? {} : (stryCov_9fa48("247"), {
    op: stryMutAct_9fa48("248") ? "" : (stryCov_9fa48("248"), 'all'),
    of
  });
  return all;
})());
const any = stryMutAct_9fa48("249") ? () => undefined : (stryCov_9fa48("249"), (() => {
  const any = (...of: Condition[]): Condition => stryMutAct_9fa48("250") ? {} : (stryCov_9fa48("250"), {
    op: stryMutAct_9fa48("251") ? "" : (stryCov_9fa48("251"), 'any'),
    of
  });
  return any;
})());
const isNull = stryMutAct_9fa48("252") ? () => undefined : (stryCov_9fa48("252"), (() => {
  const isNull = (field: TimeField | 'snapshot'): Condition => stryMutAct_9fa48("253") ? {} : (stryCov_9fa48("253"), {
    op: stryMutAct_9fa48("254") ? "" : (stryCov_9fa48("254"), 'isNull'),
    field
  });
  return isNull;
})());
const before = stryMutAct_9fa48("255") ? () => undefined : (stryCov_9fa48("255"), (() => {
  const before = (field: TimeField, time: string): Condition => stryMutAct_9fa48("256") ? {} : (stryCov_9fa48("256"), {
    op: stryMutAct_9fa48("257") ? "" : (stryCov_9fa48("257"), 'before'),
    field,
    time,
    orEqual: stryMutAct_9fa48("258") ? true : (stryCov_9fa48("258"), false)
  });
  return before;
})());
const atOrBefore = stryMutAct_9fa48("259") ? () => undefined : (stryCov_9fa48("259"), (() => {
  const atOrBefore = (field: TimeField, time: string): Condition => stryMutAct_9fa48("260") ? {} : (stryCov_9fa48("260"), {
    op: stryMutAct_9fa48("261") ? "" : (stryCov_9fa48("261"), 'before'),
    field,
    time,
    orEqual: stryMutAct_9fa48("262") ? false : (stryCov_9fa48("262"), true)
  });
  return atOrBefore;
})());
const leaseHeldBy = stryMutAct_9fa48("263") ? () => undefined : (stryCov_9fa48("263"), (() => {
  const leaseHeldBy = (token: string): Condition => stryMutAct_9fa48("264") ? {} : (stryCov_9fa48("264"), {
    op: stryMutAct_9fa48("265") ? "" : (stryCov_9fa48("265"), 'leaseHeldBy'),
    token
  });
  return leaseHeldBy;
})());

/** Fields a transition may write. */
export type WritableField = 'status' | 'updatedAt' | 'startedAt' | 'completedAt' | 'expiresAt' | 'rowsWritten' | 'rowCount' | 'sizeBytes' | 'sha256' | 'blobName' | 'lastError' | 'nextAttemptAt' | 'leaseToken' | 'leaseExpiresAt' | 'enqueuedAt' | 'snapshot' | 'checkpoint';
export interface JobChanges {
  readonly set: Readonly<Partial<Pick<ExportJob, WritableField>>>;
  /** `attempt + 1` (a claim starts the next attempt). */
  readonly nextAttempt?: true;
  /** `startedAt` when it is still null (the first claim). */
  readonly startedAtIfUnset?: string;
}
export type TransitionName = 'claim' | 'fixSnapshot' | 'heartbeat' | 'complete' | 'fail' | 'scheduleRetry' | 'cancel' | 'deadLetter' | 'expire' | 'recordDoorbell';
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
  if (stryMutAct_9fa48("266")) {
    {}
  } else {
    stryCov_9fa48("266");
    const sources = Object.entries(t.from) as [JobStatus, Condition][];
    return any(...sources.map(stryMutAct_9fa48("267") ? () => undefined : (stryCov_9fa48("267"), ([status, extra]) => all(stryMutAct_9fa48("268") ? {} : (stryCov_9fa48("268"), {
      op: stryMutAct_9fa48("269") ? "" : (stryCov_9fa48("269"), 'status'),
      is: status
    }), extra))));
  }
}

/** Does the stored job meet the condition? (The in-memory store; SQL compiles the same tree.) */
export function holds(c: Condition, job: ExportJob): boolean {
  if (stryMutAct_9fa48("270")) {
    {}
  } else {
    stryCov_9fa48("270");
    switch (c.op) {
      case stryMutAct_9fa48("272") ? "" : (stryCov_9fa48("272"), 'always'):
        if (stryMutAct_9fa48("271")) {} else {
          stryCov_9fa48("271");
          return stryMutAct_9fa48("273") ? false : (stryCov_9fa48("273"), true);
        }
      case stryMutAct_9fa48("275") ? "" : (stryCov_9fa48("275"), 'status'):
        if (stryMutAct_9fa48("274")) {} else {
          stryCov_9fa48("274");
          return stryMutAct_9fa48("278") ? job.status !== c.is : stryMutAct_9fa48("277") ? false : stryMutAct_9fa48("276") ? true : (stryCov_9fa48("276", "277", "278"), job.status === c.is);
        }
      case stryMutAct_9fa48("280") ? "" : (stryCov_9fa48("280"), 'leaseHeldBy'):
        if (stryMutAct_9fa48("279")) {} else {
          stryCov_9fa48("279");
          return stryMutAct_9fa48("283") ? job.leaseToken !== c.token : stryMutAct_9fa48("282") ? false : stryMutAct_9fa48("281") ? true : (stryCov_9fa48("281", "282", "283"), job.leaseToken === c.token);
        }
      case stryMutAct_9fa48("285") ? "" : (stryCov_9fa48("285"), 'before'):
        if (stryMutAct_9fa48("284")) {} else {
          stryCov_9fa48("284");
          {
            if (stryMutAct_9fa48("286")) {
              {}
            } else {
              stryCov_9fa48("286");
              const value = job[c.field];
              return stryMutAct_9fa48("289") ? value !== null || (c.orEqual ? value <= c.time : value < c.time) : stryMutAct_9fa48("288") ? false : stryMutAct_9fa48("287") ? true : (stryCov_9fa48("287", "288", "289"), (stryMutAct_9fa48("291") ? value === null : stryMutAct_9fa48("290") ? true : (stryCov_9fa48("290", "291"), value !== null)) && (c.orEqual ? stryMutAct_9fa48("295") ? value > c.time : stryMutAct_9fa48("294") ? value < c.time : stryMutAct_9fa48("293") ? false : stryMutAct_9fa48("292") ? true : (stryCov_9fa48("292", "293", "294", "295"), value <= c.time) : stryMutAct_9fa48("299") ? value >= c.time : stryMutAct_9fa48("298") ? value <= c.time : stryMutAct_9fa48("297") ? false : stryMutAct_9fa48("296") ? true : (stryCov_9fa48("296", "297", "298", "299"), value < c.time)));
            }
          }
        }
      case stryMutAct_9fa48("301") ? "" : (stryCov_9fa48("301"), 'isNull'):
        if (stryMutAct_9fa48("300")) {} else {
          stryCov_9fa48("300");
          return stryMutAct_9fa48("304") ? job[c.field] !== null : stryMutAct_9fa48("303") ? false : stryMutAct_9fa48("302") ? true : (stryCov_9fa48("302", "303", "304"), job[c.field] === null);
        }
      case stryMutAct_9fa48("306") ? "" : (stryCov_9fa48("306"), 'all'):
        if (stryMutAct_9fa48("305")) {} else {
          stryCov_9fa48("305");
          return stryMutAct_9fa48("307") ? c.of.some(x => holds(x, job)) : (stryCov_9fa48("307"), c.of.every(stryMutAct_9fa48("308") ? () => undefined : (stryCov_9fa48("308"), x => holds(x, job))));
        }
      case stryMutAct_9fa48("310") ? "" : (stryCov_9fa48("310"), 'any'):
        if (stryMutAct_9fa48("309")) {} else {
          stryCov_9fa48("309");
          return stryMutAct_9fa48("311") ? c.of.every(x => holds(x, job)) : (stryCov_9fa48("311"), c.of.some(stryMutAct_9fa48("312") ? () => undefined : (stryCov_9fa48("312"), x => holds(x, job))));
        }
    }
  }
}

/** The job after the changes (the in-memory store; SQL turns the same changes into `SET`). */
export function applyChanges(job: ExportJob, changes: JobChanges): ExportJob {
  if (stryMutAct_9fa48("313")) {
    {}
  } else {
    stryCov_9fa48("313");
    return stryMutAct_9fa48("314") ? {} : (stryCov_9fa48("314"), {
      ...job,
      ...changes.set,
      ...(changes.nextAttempt ? stryMutAct_9fa48("315") ? {} : (stryCov_9fa48("315"), {
        attempt: stryMutAct_9fa48("316") ? job.attempt - 1 : (stryCov_9fa48("316"), job.attempt + 1)
      }) : {}),
      ...((stryMutAct_9fa48("319") ? changes.startedAtIfUnset !== undefined || job.startedAt === null : stryMutAct_9fa48("318") ? false : stryMutAct_9fa48("317") ? true : (stryCov_9fa48("317", "318", "319"), (stryMutAct_9fa48("321") ? changes.startedAtIfUnset === undefined : stryMutAct_9fa48("320") ? true : (stryCov_9fa48("320", "321"), changes.startedAtIfUnset !== undefined)) && (stryMutAct_9fa48("323") ? job.startedAt !== null : stryMutAct_9fa48("322") ? true : (stryCov_9fa48("322", "323"), job.startedAt === null)))) ? stryMutAct_9fa48("324") ? {} : (stryCov_9fa48("324"), {
        startedAt: changes.startedAtIfUnset
      }) : {})
    });
  }
}

/** No lease: what a transition out of Processing leaves behind. */
const released = {
  leaseToken: null,
  leaseExpiresAt: null
} as const;

// ---------------------------------------------------------------------------------------------
// Named conditions, each written once and shared by the transitions and the queries that use it.

/** A Pending job whose backoff delay (if any) is over. */
const dueAt = stryMutAct_9fa48("325") ? () => undefined : (stryCov_9fa48("325"), (() => {
  const dueAt = (now: string): Condition => any(isNull(stryMutAct_9fa48("326") ? "" : (stryCov_9fa48("326"), 'nextAttemptAt')), atOrBefore(stryMutAct_9fa48("327") ? "" : (stryCov_9fa48("327"), 'nextAttemptAt'), now));
  return dueAt;
})());
/** A Processing job whose worker stopped heartbeating (it died or hangs): another may take over. */
const leaseExpiredAt = stryMutAct_9fa48("328") ? () => undefined : (stryCov_9fa48("328"), (() => {
  const leaseExpiredAt = (now: string): Condition => before(stryMutAct_9fa48("329") ? "" : (stryCov_9fa48("329"), 'leaseExpiresAt'), now);
  return leaseExpiredAt;
})());
/** A Completed job whose file has outlived its lifetime. */
const fileExpiredAt = stryMutAct_9fa48("330") ? () => undefined : (stryCov_9fa48("330"), (() => {
  const fileExpiredAt = (now: string): Condition => atOrBefore(stryMutAct_9fa48("331") ? "" : (stryCov_9fa48("331"), 'expiresAt'), now);
  return fileExpiredAt;
})());
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
  readonly leaseExpiresAt: string;
  /** Replaces the checkpoint; undefined keeps the one stored. */
  readonly checkpoint?: string | null;
}

/** Ends a job for good with an error (fail, deadLetter). */
const failed = stryMutAct_9fa48("332") ? () => undefined : (stryCov_9fa48("332"), (() => {
  const failed = (error: JobError, at: string): JobChanges['set'] => stryMutAct_9fa48("333") ? {} : (stryCov_9fa48("333"), {
    status: stryMutAct_9fa48("334") ? "" : (stryCov_9fa48("334"), 'Failed'),
    lastError: error,
    completedAt: at,
    updatedAt: at,
    nextAttemptAt: null,
    checkpoint: null,
    ...released
  });
  return failed;
})());

/**
 * The transitions. Worker writes (heartbeat, complete, fail, scheduleRetry) are fenced: only the
 * attempt holding the lease, only while Processing. A cancelled or taken-over worker's next write
 * therefore changes nothing, which is how it learns to stop.
 */
export const lifecycle = {
  /** Starts the next attempt: a due Pending job, or a Processing one whose lease expired. */
  claim: (now: string, lease: Lease): Transition => ({
    name: 'claim',
    from: {
      Pending: dueAt(now),
      Processing: leaseExpiredAt(now)
    },
    to: 'Processing',
    changes: {
      set: {
        status: 'Processing',
        leaseToken: lease.token,
        leaseExpiresAt: lease.expiresAt,
        nextAttemptAt: null,
        updatedAt: now
      },
      nextAttempt: true,
      startedAtIfUnset: now
    }
  }),
  /** Fixes the snapshot once, at the first claim; retries and resumes keep it. */
  fixSnapshot: (leaseToken: string, snapshot: Snapshot): Transition => ({
    name: 'fixSnapshot',
    from: {
      Processing: all(leaseHeldBy(leaseToken), isNull('snapshot'))
    },
    changes: {
      set: {
        snapshot
      }
    }
  }),
  /** Extends the lease and records progress (and the checkpoint, when given). */
  heartbeat: (leaseToken: string, progress: Progress): Transition => ({
    name: 'heartbeat',
    from: {
      Processing: leaseHeldBy(leaseToken)
    },
    changes: {
      set: {
        rowsWritten: progress.rowsWritten,
        leaseExpiresAt: progress.leaseExpiresAt,
        ...(progress.checkpoint !== undefined ? {
          checkpoint: progress.checkpoint
        } : {})
      }
    }
  }),
  /** The file is committed: record it and when it expires. */
  complete: (leaseToken: string, file: CompletedFile): Transition => ({
    name: 'complete',
    from: {
      Processing: leaseHeldBy(leaseToken)
    },
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
        ...released
      }
    }
  }),
  /** A permanent error, or the last attempt's transient one: the job fails for good. */
  fail: (leaseToken: string, error: JobError, at: string): Transition => ({
    name: 'fail',
    from: {
      Processing: leaseHeldBy(leaseToken)
    },
    to: 'Failed',
    changes: {
      set: failed(error, at)
    }
  }),
  /** A transient error: back to Pending until `nextAttemptAt`; the checkpoint stays for the resume. */
  scheduleRetry: (leaseToken: string, error: JobError, nextAttemptAt: string): Transition => ({
    name: 'scheduleRetry',
    from: {
      Processing: leaseHeldBy(leaseToken)
    },
    to: 'Pending',
    changes: {
      set: {
        status: 'Pending',
        lastError: error,
        nextAttemptAt,
        ...released
      }
    }
  }),
  /** The user gave up on the job; a running worker is fenced out at its next write. */
  cancel: (at: string): Transition => ({
    name: 'cancel',
    from: {
      Pending: always,
      Processing: always
    },
    to: 'Cancelled',
    changes: {
      set: {
        status: 'Cancelled',
        completedAt: at,
        updatedAt: at,
        nextAttemptAt: null,
        ...released
      }
    }
  }),
  /** Its message kept failing until the queue gave up on it: fail it, unless it already ended. */
  deadLetter: (error: JobError, at: string): Transition => ({
    name: 'deadLetter',
    from: {
      Pending: always,
      Processing: always
    },
    to: 'Failed',
    changes: {
      set: failed(error, at)
    }
  }),
  /** The file's lifetime is over (the purge deleted it). Never before `expiresAt`. */
  expire: (now: string): Transition => ({
    name: 'expire',
    from: {
      Completed: fileExpiredAt(now)
    },
    to: 'Expired',
    changes: {
      set: {
        status: 'Expired',
        updatedAt: now
      }
    }
  }),
  /** The doorbell of the current attempt was sent at `at` (the outbox record). */
  recordDoorbell: (at: string): Transition => ({
    name: 'recordDoorbell',
    from: {
      Pending: always,
      Processing: always
    },
    changes: {
      set: {
        enqueuedAt: at
      }
    }
  })
} as const;

/**
 * Jobs whose doorbell must be (re)sent: Pending and due, never sent or sent before `staleBefore`
 * and unchanged since then; Processing with an expired lease (its worker died: the doorbell lets
 * the next claim take over). The same conditions as `claim`, plus the outbox's.
 */
export const needsDoorbell = stryMutAct_9fa48("335") ? () => undefined : (stryCov_9fa48("335"), (() => {
  const needsDoorbell = (now: string, staleBefore: string): Condition => any(all(stryMutAct_9fa48("336") ? {} : (stryCov_9fa48("336"), {
    op: stryMutAct_9fa48("337") ? "" : (stryCov_9fa48("337"), 'status'),
    is: stryMutAct_9fa48("338") ? "" : (stryCov_9fa48("338"), 'Pending')
  }), dueAt(now), any(isNull(stryMutAct_9fa48("339") ? "" : (stryCov_9fa48("339"), 'enqueuedAt')), atOrBefore(stryMutAct_9fa48("340") ? "" : (stryCov_9fa48("340"), 'enqueuedAt'), staleBefore)), atOrBefore(stryMutAct_9fa48("341") ? "" : (stryCov_9fa48("341"), 'updatedAt'), staleBefore)), all(stryMutAct_9fa48("342") ? {} : (stryCov_9fa48("342"), {
    op: stryMutAct_9fa48("343") ? "" : (stryCov_9fa48("343"), 'status'),
    is: stryMutAct_9fa48("344") ? "" : (stryCov_9fa48("344"), 'Processing')
  }), leaseExpiredAt(now)));
  return needsDoorbell;
})());

/** Completed jobs whose file's lifetime is over: what the purge deletes and then `expire`s. */
export const fileExpired = stryMutAct_9fa48("345") ? () => undefined : (stryCov_9fa48("345"), (() => {
  const fileExpired = (now: string): Condition => conditionOf(lifecycle.expire(now));
  return fileExpired;
})());

/**
 * Retry-as-new-job: a Failed, Cancelled or Expired job may be run again as a NEW job with the same
 * request (`retryOf` = its id). Terminal states stay terminal, so a client polling the old id keeps
 * its answer and every run keeps its own record.
 */
export const retryableStatuses = ['Failed', 'Cancelled', 'Expired'] as const satisfies readonly JobStatus[];
export const canRetryAsNewJob = stryMutAct_9fa48("346") ? () => undefined : (stryCov_9fa48("346"), (() => {
  const canRetryAsNewJob = (status: JobStatus): boolean => (retryableStatuses as readonly JobStatus[]).includes(status);
  return canRetryAsNewJob;
})());

/** Every status a transition leads to from `from` (the state diagram above, derived from the table). */
export function nextStatuses(from: JobStatus): JobStatus[] {
  if (stryMutAct_9fa48("347")) {
    {}
  } else {
    stryCov_9fa48("347");
    const probe = stryMutAct_9fa48("348") ? {} : (stryCov_9fa48("348"), {
      now: stryMutAct_9fa48("349") ? "Stryker was here!" : (stryCov_9fa48("349"), ''),
      lease: stryMutAct_9fa48("350") ? {} : (stryCov_9fa48("350"), {
        token: stryMutAct_9fa48("351") ? "Stryker was here!" : (stryCov_9fa48("351"), ''),
        expiresAt: stryMutAct_9fa48("352") ? "Stryker was here!" : (stryCov_9fa48("352"), '')
      }),
      error: stryMutAct_9fa48("353") ? {} : (stryCov_9fa48("353"), {
        code: stryMutAct_9fa48("354") ? "Stryker was here!" : (stryCov_9fa48("354"), ''),
        message: stryMutAct_9fa48("355") ? "Stryker was here!" : (stryCov_9fa48("355"), '')
      })
    });
    const transitions: Transition[] = stryMutAct_9fa48("356") ? [] : (stryCov_9fa48("356"), [lifecycle.claim(probe.now, probe.lease), lifecycle.complete(stryMutAct_9fa48("357") ? "Stryker was here!" : (stryCov_9fa48("357"), ''), stryMutAct_9fa48("358") ? {} : (stryCov_9fa48("358"), {
      rowCount: 0,
      sizeBytes: 0,
      sha256: stryMutAct_9fa48("359") ? "Stryker was here!" : (stryCov_9fa48("359"), ''),
      blobName: stryMutAct_9fa48("360") ? "Stryker was here!" : (stryCov_9fa48("360"), ''),
      completedAt: stryMutAct_9fa48("361") ? "Stryker was here!" : (stryCov_9fa48("361"), ''),
      expiresAt: stryMutAct_9fa48("362") ? "Stryker was here!" : (stryCov_9fa48("362"), '')
    })), lifecycle.fail(stryMutAct_9fa48("363") ? "Stryker was here!" : (stryCov_9fa48("363"), ''), probe.error, stryMutAct_9fa48("364") ? "Stryker was here!" : (stryCov_9fa48("364"), '')), lifecycle.scheduleRetry(stryMutAct_9fa48("365") ? "Stryker was here!" : (stryCov_9fa48("365"), ''), probe.error, stryMutAct_9fa48("366") ? "Stryker was here!" : (stryCov_9fa48("366"), '')), lifecycle.cancel(stryMutAct_9fa48("367") ? "Stryker was here!" : (stryCov_9fa48("367"), '')), lifecycle.deadLetter(probe.error, stryMutAct_9fa48("368") ? "Stryker was here!" : (stryCov_9fa48("368"), '')), lifecycle.expire(stryMutAct_9fa48("369") ? "Stryker was here!" : (stryCov_9fa48("369"), ''))]);
    return stryMutAct_9fa48("370") ? [] : (stryCov_9fa48("370"), [...new Set(stryMutAct_9fa48("371") ? transitions.map(t => t.to as JobStatus) : (stryCov_9fa48("371"), transitions.filter(stryMutAct_9fa48("372") ? () => undefined : (stryCov_9fa48("372"), t => stryMutAct_9fa48("375") ? t.to || t.from[from] : stryMutAct_9fa48("374") ? false : stryMutAct_9fa48("373") ? true : (stryCov_9fa48("373", "374", "375"), t.to && t.from[from]))).map(stryMutAct_9fa48("376") ? () => undefined : (stryCov_9fa48("376"), t => t.to as JobStatus))))]);
  }
}