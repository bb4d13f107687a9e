/**
 * Error codes of the export service. Adapters translate SDK/driver errors into these at the
 * boundary; `shared/http/problem.ts` maps each code to one HTTP status; the worker uses
 * `retryable` to decide between a backoff retry and failing the job for good.
 */
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
export type ErrorCode = 'VALIDATION_FAILED' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'JOB_NOT_COMPLETED' | 'JOB_NOT_CANCELLABLE' | 'JOB_NOT_RETRYABLE' | 'JOB_EXPIRED' | 'UNSUPPORTED_MEDIA_TYPE' | 'PAYLOAD_TOO_LARGE' | 'METHOD_NOT_ALLOWED' | 'ROW_CAP_EXCEEDED' | 'STORAGE_UNAVAILABLE' | 'DATABASE_UNAVAILABLE' | 'QUEUE_UNAVAILABLE' | 'AUTH_UNAVAILABLE' | 'SERVICE_UNAVAILABLE' | 'LEASE_LOST' | 'DEAD_LETTERED' | 'ATTEMPTS_EXHAUSTED' | 'EXPORT_FAILED' | 'INTERNAL';
export interface ProblemDetail {
  /** JSON pointer-ish path of the offending field, e.g. `dateRange.from`. */
  readonly field: string;
  readonly message: string;
}
export class AppError extends Error {
  override readonly name = stryMutAct_9fa48("166") ? "" : (stryCov_9fa48("166"), 'AppError');
  constructor(readonly code: ErrorCode, /** Safe to show to a client: no stack, no SQL, no secrets. */
  message: string, readonly options: {
    readonly retryable?: boolean;
    readonly details?: readonly ProblemDetail[];
    readonly cause?: unknown;
  } = {}) {
    super(message, stryMutAct_9fa48("167") ? {} : (stryCov_9fa48("167"), {
      cause: options.cause
    }));
  }
  get retryable(): boolean {
    if (stryMutAct_9fa48("168")) {
      {}
    } else {
      stryCov_9fa48("168");
      return stryMutAct_9fa48("169") ? this.options.retryable && false : (stryCov_9fa48("169"), this.options.retryable ?? (stryMutAct_9fa48("170") ? true : (stryCov_9fa48("170"), false)));
    }
  }
}
export const isAppError = stryMutAct_9fa48("171") ? () => undefined : (stryCov_9fa48("171"), (() => {
  const isAppError = (e: unknown): e is AppError => e instanceof AppError;
  return isAppError;
})());

/** A client-safe view of any error: AppErrors keep their code; anything else is INTERNAL. */
export function toSafeError(e: unknown): {
  code: ErrorCode;
  message: string;
  retryable: boolean;
} {
  if (stryMutAct_9fa48("172")) {
    {}
  } else {
    stryCov_9fa48("172");
    if (stryMutAct_9fa48("174") ? false : stryMutAct_9fa48("173") ? true : (stryCov_9fa48("173", "174"), isAppError(e))) return stryMutAct_9fa48("175") ? {} : (stryCov_9fa48("175"), {
      code: e.code,
      message: e.message,
      retryable: e.retryable
    });
    return stryMutAct_9fa48("176") ? {} : (stryCov_9fa48("176"), {
      code: stryMutAct_9fa48("177") ? "" : (stryCov_9fa48("177"), 'INTERNAL'),
      message: stryMutAct_9fa48("178") ? "" : (stryCov_9fa48("178"), 'The export failed because of an internal error.'),
      retryable: stryMutAct_9fa48("179") ? true : (stryCov_9fa48("179"), false)
    });
  }
}