import type { RateLimitState } from './limits.js';

/**
 * Error codes of the export service. Adapters translate SDK/driver errors into these at the
 * boundary; `shared/http/problem.ts` maps each code to one HTTP status; the worker uses
 * `retryable` to decide between a backoff retry and failing the job for good.
 */
export type ErrorCode =
  | 'VALIDATION_FAILED'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'JOB_NOT_COMPLETED'
  | 'JOB_NOT_CANCELLABLE'
  | 'JOB_NOT_RETRYABLE'
  | 'JOB_EXPIRED'
  /** The file of a job that has not expired is being made again (it was lost): try again shortly. */
  | 'FILE_REGENERATING'
  | 'UNSUPPORTED_MEDIA_TYPE'
  | 'PAYLOAD_TOO_LARGE'
  | 'METHOD_NOT_ALLOWED'
  | 'ROW_CAP_EXCEEDED'
  | 'STORAGE_UNAVAILABLE'
  | 'DATABASE_UNAVAILABLE'
  | 'QUEUE_UNAVAILABLE'
  | 'AUTH_UNAVAILABLE'
  | 'SERVICE_UNAVAILABLE'
  | 'LEASE_LOST'
  | 'DEAD_LETTERED'
  | 'ATTEMPTS_EXHAUSTED'
  | 'EXPORT_FAILED'
  | 'INTERNAL'
  | 'RATE_LIMITED'
  | 'QUOTA_EXCEEDED'
  | 'IDEMPOTENCY_KEY_REUSED'
  | 'DUPLICATE'
  | 'RANGE_NOT_SATISFIABLE'
  | 'SYNC_EXPORT_TOO_LARGE'
  | 'REQUEST_TIMEOUT'
  | 'WEBHOOK_TARGET_REFUSED'
  | 'WEBHOOK_UNREACHABLE'
  | 'WEBHOOK_LIMIT_REACHED';

export interface ProblemDetail {
  /** JSON pointer-ish path of the offending field, e.g. `dateRange.from`. */
  readonly field: string;
  readonly message: string;
}

export class AppError extends Error {
  override readonly name = 'AppError';
  constructor(
    readonly code: ErrorCode,
    /** Safe to show to a client: no stack, no SQL, no secrets. */
    message: string,
    readonly options: {
      readonly retryable?: boolean;
      readonly details?: readonly ProblemDetail[];
      readonly cause?: unknown;
      /** When the client may try again (429, 503): becomes `Retry-After`. */
      readonly retryAfterSeconds?: number;
      /** The caller's standing against a rate limit: becomes the `RateLimit-*` headers. */
      readonly rateLimit?: RateLimitState;
      /** Extra members of the problem body, e.g. the request to use instead (safe to show). */
      readonly extensions?: Readonly<Record<string, unknown>>;
    } = {},
  ) {
    super(message, { cause: options.cause });
  }

  get retryable(): boolean {
    return this.options.retryable ?? false;
  }
}

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;

/** A client-safe view of any error: AppErrors keep their code; anything else is INTERNAL. */
export function toSafeError(e: unknown): { code: ErrorCode; message: string; retryable: boolean } {
  if (isAppError(e)) return { code: e.code, message: e.message, retryable: e.retryable };
  return { code: 'INTERNAL', message: 'The export failed because of an internal error.', retryable: false };
}
