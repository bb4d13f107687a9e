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
