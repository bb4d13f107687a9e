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
  // 2^n is Infinity past n = 1023 and 0 · Infinity is NaN (base 0 is a valid setting): clamp n.
  const doublings = Math.min(Math.max(0, attempt - 1), 1023);
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** doublings);
  return random() * ceiling;
}

/** What an attempt that threw should lead to. */
export type AfterError =
  | { readonly kind: 'retry'; readonly delaySeconds: number; readonly error: JobError }
  | { readonly kind: 'fail'; readonly error: JobError };

/**
 * The retry rule: a transient error retries with backoff until the last allowed attempt, then
 * fails keeping its code; a permanent one fails at once (an internal error as EXPORT_FAILED, so the
 * client sees a product code, never a generic one).
 */
export function afterError(
  error: { readonly code: ErrorCode; readonly message: string; readonly retryable: boolean },
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): AfterError {
  if (error.retryable && attempt < policy.maxAttempts) {
    return {
      kind: 'retry',
      delaySeconds: backoffSeconds(policy, attempt, random),
      error: { code: error.code, message: error.message },
    };
  }
  if (error.retryable) {
    return {
      kind: 'fail',
      error: { code: error.code, message: `${error.message} Gave up after ${attempt} attempts; retry the export later.` },
    };
  }
  return { kind: 'fail', error: { code: error.code === 'INTERNAL' ? 'EXPORT_FAILED' : error.code, message: error.message } };
}

/**
 * A claim beyond the last allowed attempt means earlier attempts kept dying without recording an
 * outcome (a crash, a kill, a timeout): the job fails, naming the last error seen, if any.
 */
export function attemptsExhausted(policy: RetryPolicy, lastError: JobError | null): JobError {
  const last = lastError?.message ?? 'the export kept failing.';
  return {
    code: 'ATTEMPTS_EXHAUSTED',
    message: `Gave up after ${policy.maxAttempts} attempts: ${last} Retry the export or contact support.`,
  };
}
