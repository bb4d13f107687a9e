import { addDays } from './dates.js';
import type { CellValue } from './datasets.js';

/**
 * The analytics dataset: one row per calendar day of the range, computed from per-day totals that
 * a source sums up (sessions, users, durations, page views, bounces, devices). The arithmetic —
 * averages, rounding, the bounce rate, zero days — lives here, once, for every source.
 */
export interface DayTotals {
  readonly sessions: number;
  /** Distinct users with a session that day. */
  readonly activeUsers: number;
  /** Users created that day. */
  readonly newUsers: number;
  readonly totalDurationSeconds: number;
  readonly pageViews: number;
  readonly bounces: number;
  readonly desktopSessions: number;
  readonly mobileSessions: number;
  readonly tabletSessions: number;
}

export const noActivity: DayTotals = {
  sessions: 0,
  activeUsers: 0,
  newUsers: 0,
  totalDurationSeconds: 0,
  pageViews: 0,
  bounces: 0,
  desktopSessions: 0,
  mobileSessions: 0,
  tabletSessions: 0,
};

/** Averages to 2 decimals, ratios to 4 (a bounce rate of 0.1234 reads as 12.34 %). */
export const round = (value: number, decimals: number): number => {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
};
const per = (n: number, sessions: number, decimals: number): number => (sessions === 0 ? 0 : round(n / sessions, decimals));

/** One analytics row, keyed by the dataset's column names. */
export function analyticsRow(date: string, t: DayTotals): Readonly<Record<string, CellValue>> {
  return {
    date,
    sessions: t.sessions,
    activeUsers: t.activeUsers,
    newUsers: t.newUsers,
    avgDurationSeconds: per(t.totalDurationSeconds, t.sessions, 2),
    totalDurationSeconds: t.totalDurationSeconds,
    pageViews: t.pageViews,
    avgPageViews: per(t.pageViews, t.sessions, 2),
    bounceRate: per(t.bounces, t.sessions, 4),
    desktopSessions: t.desktopSessions,
    mobileSessions: t.mobileSessions,
    tabletSessions: t.tabletSessions,
  };
}

/** Every day from `first` to `last` inclusive gets a row — days without activity as zeros — so charts have no gaps. */
export function analyticsRows(
  first: string,
  last: string,
  totalsByDay: ReadonlyMap<string, DayTotals>,
): Readonly<Record<string, CellValue>>[] {
  const rows: Readonly<Record<string, CellValue>>[] = [];
  for (let day = first; day <= last; day = addDays(day, 1)) rows.push(analyticsRow(day, totalsByDay.get(day) ?? noActivity));
  return rows;
}

/** Days in the inclusive range: the analytics row count. */
export const daysInRange = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000) + 1;
