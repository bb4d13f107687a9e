/** Retry policy: exponential backoff with full jitter, capped (AWS Architecture Blog, 2015). */
export interface RetryPolicy {
  readonly maxAttempts: number;
  readonly baseSeconds: number;
  readonly capSeconds: number;
}

/** Delay before attempt `attempt + 1`, after `attempt` (≥ 1) failed: uniform in [0, min(cap, base·2^(attempt−1))]. */
export function backoffSeconds(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(policy.capSeconds, policy.baseSeconds * 2 ** Math.max(0, attempt - 1));
  return random() * ceiling;
}
