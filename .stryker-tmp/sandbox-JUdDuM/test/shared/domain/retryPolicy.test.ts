// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { afterError, attemptsExhausted, backoffSeconds } from '../../../shared/domain/retryPolicy.js';

const policy = { maxAttempts: 3, baseSeconds: 5, capSeconds: 12 };

describe('retry policy', () => {
  it('backs off exponentially with full jitter, capped', () => {
    expect(backoffSeconds(policy, 1, () => 1)).toBe(5);
    expect(backoffSeconds(policy, 2, () => 1)).toBe(10);
    expect(backoffSeconds(policy, 3, () => 1)).toBe(12);
    expect(backoffSeconds(policy, 2, () => 0.5)).toBe(5);
    expect(backoffSeconds(policy, 5000, () => 1)).toBe(12);
    expect(backoffSeconds({ ...policy, baseSeconds: 0 }, 5000, () => 1)).toBe(0);
  });

  it('retries a transient error until the last attempt, then fails keeping its code', () => {
    const transient = { code: 'STORAGE_UNAVAILABLE' as const, message: 'Storage is down.', retryable: true };
    expect(afterError(transient, 1, policy, () => 1)).toEqual({
      kind: 'retry',
      delaySeconds: 5,
      error: { code: 'STORAGE_UNAVAILABLE', message: 'Storage is down.' },
    });
    expect(afterError(transient, 2, policy, () => 1).kind).toBe('retry');
    expect(afterError(transient, 3, policy)).toEqual({
      kind: 'fail',
      error: { code: 'STORAGE_UNAVAILABLE', message: 'Storage is down. Gave up after 3 attempts; retry the export later.' },
    });
  });

  it('fails a permanent error at once; an internal one as EXPORT_FAILED', () => {
    expect(afterError({ code: 'INTERNAL', message: 'Internal.', retryable: false }, 1, policy)).toEqual({
      kind: 'fail',
      error: { code: 'EXPORT_FAILED', message: 'Internal.' },
    });
    expect(afterError({ code: 'ROW_CAP_EXCEEDED', message: 'Too many.', retryable: false }, 1, policy)).toEqual({
      kind: 'fail',
      error: { code: 'ROW_CAP_EXCEEDED', message: 'Too many.' },
    });
  });

  it('names the last error when the attempts ran out', () => {
    expect(attemptsExhausted(policy, { code: 'X', message: 'Storage is down.' })).toEqual({
      code: 'ATTEMPTS_EXHAUSTED',
      message: 'Gave up after 3 attempts: Storage is down. Retry the export or contact support.',
    });
    expect(attemptsExhausted(policy, null).message).toBe(
      'Gave up after 3 attempts: the export kept failing. Retry the export or contact support.',
    );
  });
});
