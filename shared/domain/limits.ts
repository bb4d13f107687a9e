import type { Format } from './formats.js';

/**
 * What one tenant may consume (OWASP API4, unrestricted resource consumption). Every limit is a
 * setting (shared/config); the rules that apply them live here, and every one is checked before a
 * job is written or queued.
 */
export interface ExportLimits {
  /** Longest date range of one export, in days (inclusive). */
  readonly maxDateSpanDays: number;
  /** Most rows one export may have, any format (counted before the job is queued). */
  readonly maxRows: number;
  /** Pending + Processing jobs one organization may have at once. */
  readonly maxActiveJobsPerOrganization: number;
  /** Pending + Processing jobs one user may have at once. */
  readonly maxActiveJobsPerUser: number;
  /** Exports (jobs created, retried, legacy downloads) one user may start per window. */
  readonly createRate: { readonly limit: number; readonly windowSeconds: number };
  /** Most rows of a synchronous (legacy) download; larger requests go through export jobs. */
  readonly syncRowCap: number;
}

/** The largest page of `GET /api/export-jobs` (and of an audit trail). */
export const MAX_PAGE_SIZE = 100;

/** Rows an export of `format` may have: the general cap, and for PDF (a document to read) its own. */
export const rowCapFor = (format: Format, maxRows: number, pdfRowCap: number): number =>
  format === 'pdf' ? Math.min(pdfRowCap, maxRows) : maxRows;

/** Where a caller stands against a rate limit, as the RateLimit headers tell it. */
export interface RateLimitState {
  readonly limit: number;
  readonly remaining: number;
  /** Seconds until the window frees a slot again (0 when one is free now). */
  readonly resetSeconds: number;
  readonly windowSeconds: number;
}

/**
 * A sliding-window rate: `used` exports started in the last window, the oldest of them at
 * `oldestAt`. Allowed while fewer than `limit`; the window frees a slot when its oldest leaves it.
 */
export function rateLimitState(
  rate: ExportLimits['createRate'],
  used: number,
  oldestAt: string | null,
  now: Date,
): RateLimitState & { readonly allowed: boolean } {
  const allowed = used < rate.limit;
  const frees = oldestAt ? Date.parse(oldestAt) + rate.windowSeconds * 1000 - now.getTime() : 0;
  return {
    allowed,
    limit: rate.limit,
    remaining: Math.max(0, rate.limit - used - (allowed ? 1 : 0)),
    resetSeconds: allowed && used + 1 < rate.limit ? 0 : Math.max(1, Math.ceil(frees / 1000)),
    windowSeconds: rate.windowSeconds,
  };
}
