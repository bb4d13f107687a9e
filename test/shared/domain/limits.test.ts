import { describe, expect, it } from 'vitest';
import { MAX_PAGE_SIZE, rateLimitState, rowCapFor } from '../../../shared/domain/limits.js';

describe('limits', () => {
  it('the largest page is 100', () => expect(MAX_PAGE_SIZE).toBe(100));

  it('rowCapFor: PDF has its own, smaller cap; other formats the general one', () => {
    expect(rowCapFor('pdf', 1_000_000, 50_000)).toBe(50_000);
    expect(rowCapFor('pdf', 10_000, 50_000)).toBe(10_000);
    expect(rowCapFor('csv', 1_000_000, 50_000)).toBe(1_000_000);
    expect(rowCapFor('excel', 1_000_000, 50_000)).toBe(1_000_000);
  });

  const rate = { limit: 3, windowSeconds: 60 };
  const now = new Date('2026-03-01T12:00:00.000Z');

  it.each([
    // used, oldest, expected
    [0, null, { allowed: true, limit: 3, remaining: 2, resetSeconds: 0, windowSeconds: 60 }],
    [1, '2026-03-01T11:59:30.000Z', { allowed: true, limit: 3, remaining: 1, resetSeconds: 0, windowSeconds: 60 }],
    // the last free slot: allowed, and after it none remains until the oldest leaves the window (30 s)
    [2, '2026-03-01T11:59:30.000Z', { allowed: true, limit: 3, remaining: 0, resetSeconds: 30, windowSeconds: 60 }],
    [3, '2026-03-01T11:59:30.000Z', { allowed: false, limit: 3, remaining: 0, resetSeconds: 30, windowSeconds: 60 }],
    [3, '2026-03-01T11:59:00.500Z', { allowed: false, limit: 3, remaining: 0, resetSeconds: 1, windowSeconds: 60 }],
    [3, '2026-03-01T11:59:10.200Z', { allowed: false, limit: 3, remaining: 0, resetSeconds: 11, windowSeconds: 60 }],
    [4, '2026-03-01T11:58:00.000Z', { allowed: false, limit: 3, remaining: 0, resetSeconds: 1, windowSeconds: 60 }],
    [3, null, { allowed: false, limit: 3, remaining: 0, resetSeconds: 1, windowSeconds: 60 }],
  ] as const)('rateLimitState(used %i, oldest %s)', (used, oldestAt, expected) => {
    expect(rateLimitState(rate, used, oldestAt, now)).toEqual(expected);
  });
});
