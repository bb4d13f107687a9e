import { exportStartingActions } from '../domain/audit.js';
import { spanDays } from '../domain/dates.js';
import { AppError } from '../domain/errors.js';
import type { ExportRequest } from '../domain/job.js';
import { activeJobsCreatedBy, activeJobsOf } from '../domain/lifecycle.js';
import { rateLimitState, rowCapFor, type RateLimitState } from '../domain/limits.js';
import type { Principal } from '../domain/principal.js';
import type { Services } from './services.js';

/** A client that hits a quota is told to come back after roughly one short export. */
const QUOTA_RETRY_AFTER_SECONDS = 30;

/** The date range fits the longest span allowed (400 otherwise: it is the request that is too big). */
export function checkDateSpan(
  services: Pick<Services, 'policy'>,
  range: { from: string; to: string },
  field = 'dateRange',
): void {
  const max = services.policy.limits.maxDateSpanDays;
  const days = spanDays(range.from, range.to);
  if (days > max) {
    throw new AppError('VALIDATION_FAILED', `The date range spans ${days} days; at most ${max} are allowed.`, {
      details: [{ field, message: `spans ${days} days; at most ${max}` }],
    });
  }
}

/**
 * The per-user rate of starting exports (create, retry, legacy download), over a sliding window,
 * counted from the audit trail — so it holds across every instance of the app. 429 with the
 * RateLimit state when the window is full; the state otherwise, for the response headers.
 */
export async function checkRate(
  services: Pick<Services, 'audit' | 'clock' | 'policy'>,
  principal: Principal,
): Promise<RateLimitState> {
  const rate = services.policy.limits.createRate;
  const now = services.clock.now();
  const recent = await services.audit.countRecent({
    actorId: principal.userId,
    actorOrganizationId: principal.organizationId,
    actions: exportStartingActions,
    since: new Date(now.getTime() - rate.windowSeconds * 1000).toISOString(),
  });
  const state = rateLimitState(rate, recent.count, recent.oldestAt, now);
  if (!state.allowed) {
    throw new AppError(
      'RATE_LIMITED',
      `You may start at most ${rate.limit} exports per ${rate.windowSeconds} seconds; try again in ${state.resetSeconds} s.`,
      { retryAfterSeconds: state.resetSeconds, rateLimit: state },
    );
  }
  return state;
}

/** Active (Pending + Processing) jobs: at most so many per organization and per user. */
export async function checkQuotas(
  services: Pick<Services, 'repo' | 'policy'>,
  principal: Principal,
  organizationId: string,
): Promise<void> {
  const { maxActiveJobsPerUser, maxActiveJobsPerOrganization } = services.policy.limits;
  const mine = await services.repo.count(activeJobsCreatedBy(principal.userId, principal.organizationId));
  if (mine >= maxActiveJobsPerUser) {
    throw new AppError(
      'QUOTA_EXCEEDED',
      `You have ${mine} exports pending or running; at most ${maxActiveJobsPerUser} are allowed. Wait for one to finish or cancel one.`,
      { retryAfterSeconds: QUOTA_RETRY_AFTER_SECONDS },
    );
  }
  const theirs = await services.repo.count(activeJobsOf(organizationId));
  if (theirs >= maxActiveJobsPerOrganization) {
    throw new AppError(
      'QUOTA_EXCEEDED',
      `The organization has ${theirs} exports pending or running; at most ${maxActiveJobsPerOrganization} are allowed.`,
      { retryAfterSeconds: QUOTA_RETRY_AFTER_SECONDS },
    );
  }
}

/** Counts the rows first: an export over its format's cap is refused before it is queued (422). */
export async function checkRows(
  services: Pick<Services, 'source' | 'policy'>,
  organizationId: string,
  request: ExportRequest,
): Promise<number> {
  const rows = await services.source.count({
    dataType: request.dataType,
    organizationId,
    from: request.dateRange.from,
    to: request.dateRange.to,
    snapshot: await services.source.snapshot(),
    ...(request.filters.userId ? { userId: request.filters.userId } : {}),
  });
  const cap = rowCapFor(request.format, services.policy.limits.maxRows, services.policy.pdfRowCap);
  if (rows > cap) {
    throw new AppError(
      'ROW_CAP_EXCEEDED',
      request.format === 'pdf' && cap < services.policy.limits.maxRows
        ? `This export has ${rows} rows; PDF exports are limited to ${cap} rows. Choose CSV or Excel, or narrow the date range.`
        : `This export has ${rows} rows; exports are limited to ${cap} rows. Narrow the date range or filter by user.`,
    );
  }
  return rows;
}
