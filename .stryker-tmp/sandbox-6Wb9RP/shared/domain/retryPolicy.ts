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
import type { ErrorCode } from './errors.js';
import type { JobError } from './job.js';

/** Retry policy: exponential backoff with full jitter, capped (AWS Architecture Blog, 2015). */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseSeconds: number;
  readonly capSeconds: number;
}

/** Delay before attempt `attempt + 1`, after `attempt` (≥ 1) failed: uniform in [0, min(cap, base·2^(attempt−1))]. */
export function backoffSeconds(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  if (stryMutAct_9fa48("413")) {
    {}
  } else {
    stryCov_9fa48("413");
    // 2^n is Infinity past n = 1023 and 0 · Infinity is NaN (base 0 is a valid setting): clamp n.
    const doublings = stryMutAct_9fa48("414") ? Math.max(Math.max(0, attempt - 1), 1023) : (stryCov_9fa48("414"), Math.min(stryMutAct_9fa48("415") ? Math.min(0, attempt - 1) : (stryCov_9fa48("415"), Math.max(0, stryMutAct_9fa48("416") ? attempt + 1 : (stryCov_9fa48("416"), attempt - 1))), 1023));
    const ceiling = stryMutAct_9fa48("417") ? Math.max(policy.capSeconds, policy.baseSeconds * 2 ** doublings) : (stryCov_9fa48("417"), Math.min(policy.capSeconds, stryMutAct_9fa48("418") ? policy.baseSeconds / 2 ** doublings : (stryCov_9fa48("418"), policy.baseSeconds * 2 ** doublings)));
    return stryMutAct_9fa48("419") ? random() / ceiling : (stryCov_9fa48("419"), random() * ceiling);
  }
}

/** What an attempt that threw should lead to. */
export type AfterError = {
  readonly kind: 'retry';
  readonly delaySeconds: number;
  readonly error: JobError;
} | {
  readonly kind: 'fail';
  readonly error: JobError;
};

/**
 * The retry rule: a transient error retries with backoff until the last allowed attempt, then
 * fails keeping its code; a permanent one fails at once (an internal error as EXPORT_FAILED, so the
 * client sees a product code, never a generic one).
 */
export function afterError(error: {
  readonly code: ErrorCode;
  readonly message: string;
  readonly retryable: boolean;
}, attempt: number, policy: RetryPolicy, random: () => number = Math.random): AfterError {
  if (stryMutAct_9fa48("420")) {
    {}
  } else {
    stryCov_9fa48("420");
    if (stryMutAct_9fa48("423") ? error.retryable || attempt < policy.maxAttempts : stryMutAct_9fa48("422") ? false : stryMutAct_9fa48("421") ? true : (stryCov_9fa48("421", "422", "423"), error.retryable && (stryMutAct_9fa48("426") ? attempt >= policy.maxAttempts : stryMutAct_9fa48("425") ? attempt <= policy.maxAttempts : stryMutAct_9fa48("424") ? true : (stryCov_9fa48("424", "425", "426"), attempt < policy.maxAttempts)))) {
      if (stryMutAct_9fa48("427")) {
        {}
      } else {
        stryCov_9fa48("427");
        return stryMutAct_9fa48("428") ? {} : (stryCov_9fa48("428"), {
          kind: stryMutAct_9fa48("429") ? "" : (stryCov_9fa48("429"), 'retry'),
          delaySeconds: backoffSeconds(policy, attempt, random),
          error: stryMutAct_9fa48("430") ? {} : (stryCov_9fa48("430"), {
            code: error.code,
            message: error.message
          })
        });
      }
    }
    if (stryMutAct_9fa48("432") ? false : stryMutAct_9fa48("431") ? true : (stryCov_9fa48("431", "432"), error.retryable)) {
      if (stryMutAct_9fa48("433")) {
        {}
      } else {
        stryCov_9fa48("433");
        return stryMutAct_9fa48("434") ? {} : (stryCov_9fa48("434"), {
          kind: stryMutAct_9fa48("435") ? "" : (stryCov_9fa48("435"), 'fail'),
          error: stryMutAct_9fa48("436") ? {} : (stryCov_9fa48("436"), {
            code: error.code,
            message: stryMutAct_9fa48("437") ? `` : (stryCov_9fa48("437"), `${error.message} Gave up after ${attempt} attempts; retry the export later.`)
          })
        });
      }
    }
    return stryMutAct_9fa48("438") ? {} : (stryCov_9fa48("438"), {
      kind: stryMutAct_9fa48("439") ? "" : (stryCov_9fa48("439"), 'fail'),
      error: stryMutAct_9fa48("440") ? {} : (stryCov_9fa48("440"), {
        code: (stryMutAct_9fa48("443") ? error.code !== 'INTERNAL' : stryMutAct_9fa48("442") ? false : stryMutAct_9fa48("441") ? true : (stryCov_9fa48("441", "442", "443"), error.code === (stryMutAct_9fa48("444") ? "" : (stryCov_9fa48("444"), 'INTERNAL')))) ? stryMutAct_9fa48("445") ? "" : (stryCov_9fa48("445"), 'EXPORT_FAILED') : error.code,
        message: error.message
      })
    });
  }
}

/**
 * A claim beyond the last allowed attempt means earlier attempts kept dying without recording an
 * outcome (a crash, a kill, a timeout): the job fails, naming the last error seen, if any.
 */
export function attemptsExhausted(policy: RetryPolicy, lastError: JobError | null): JobError {
  if (stryMutAct_9fa48("446")) {
    {}
  } else {
    stryCov_9fa48("446");
    const last = stryMutAct_9fa48("447") ? lastError?.message && 'the export kept failing.' : (stryCov_9fa48("447"), (stryMutAct_9fa48("448") ? lastError.message : (stryCov_9fa48("448"), lastError?.message)) ?? (stryMutAct_9fa48("449") ? "" : (stryCov_9fa48("449"), 'the export kept failing.')));
    return stryMutAct_9fa48("450") ? {} : (stryCov_9fa48("450"), {
      code: stryMutAct_9fa48("451") ? "" : (stryCov_9fa48("451"), 'ATTEMPTS_EXHAUSTED'),
      message: stryMutAct_9fa48("452") ? `` : (stryCov_9fa48("452"), `Gave up after ${policy.maxAttempts} attempts: ${last} Retry the export or contact support.`)
    });
  }
}