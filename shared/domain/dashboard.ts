import { round } from './analytics.js';
import type { ColumnDef, Row } from './datasets.js';

/**
 * The admin dashboard's summary of one organization over a date range (the legacy
 * `GET /api/admindashboard/export`): totals a source sums up, and the arithmetic here, once.
 */
export interface DashboardTotals {
  readonly sessions: number;
  /** Distinct users with a session in the range. */
  readonly activeUsers: number;
  /** Users created in the range. */
  readonly newUsers: number;
  readonly totalDurationSeconds: number;
  readonly pageViews: number;
  readonly bounces: number;
  readonly desktopSessions: number;
  readonly mobileSessions: number;
  readonly tabletSessions: number;
  /** Most sessions first, then by name; at most TOP_N. Null country reads "(unknown)". */
  readonly topCountries: readonly { readonly name: string; readonly sessions: number }[];
  readonly topEntryPages: readonly { readonly name: string; readonly sessions: number }[];
}

/** How many countries and entry pages the summary lists. */
export const TOP_N = 10;

/** The name of the group of sessions without a country (or entry page). */
export const UNKNOWN = '(unknown)';

export interface DashboardSummary {
  readonly organizationId: string;
  readonly from: string;
  readonly to: string;
  readonly sessions: number;
  readonly activeUsers: number;
  readonly newUsers: number;
  readonly avgDurationSeconds: number;
  readonly bounceRate: number;
  readonly pageViews: number;
  readonly avgPageViews: number;
  readonly devices: { readonly desktop: number; readonly mobile: number; readonly tablet: number };
  readonly topCountries: readonly { readonly country: string; readonly sessions: number }[];
  readonly topEntryPages: readonly { readonly page: string; readonly sessions: number }[];
}

const per = (n: number, d: number, decimals: number): number => (d === 0 ? 0 : round(n / d, decimals));

/** Averages to 2 decimals, the bounce rate to 4 — as the analytics dataset rounds them. */
export function dashboardSummary(organizationId: string, from: string, to: string, t: DashboardTotals): DashboardSummary {
  return {
    organizationId,
    from,
    to,
    sessions: t.sessions,
    activeUsers: t.activeUsers,
    newUsers: t.newUsers,
    avgDurationSeconds: per(t.totalDurationSeconds, t.sessions, 2),
    bounceRate: per(t.bounces, t.sessions, 4),
    pageViews: t.pageViews,
    avgPageViews: per(t.pageViews, t.sessions, 2),
    devices: { desktop: t.desktopSessions, mobile: t.mobileSessions, tablet: t.tabletSessions },
    topCountries: t.topCountries.map((c) => ({ country: c.name, sessions: c.sessions })),
    topEntryPages: t.topEntryPages.map((p) => ({ page: p.name, sessions: p.sessions })),
  };
}

/** The summary as a flat table (section, name, value) — what the CSV form of the summary holds. */
export const dashboardColumns: readonly ColumnDef[] = [
  { name: 'section', header: 'Section', type: 'string', width: 12 },
  { name: 'name', header: 'Name', type: 'string', width: 30 },
  { name: 'value', header: 'Value', type: 'number', width: 12 },
];

export function dashboardRows(s: DashboardSummary): Row[] {
  return [
    ['summary', 'sessions', s.sessions],
    ['summary', 'activeUsers', s.activeUsers],
    ['summary', 'newUsers', s.newUsers],
    ['summary', 'avgDurationSeconds', s.avgDurationSeconds],
    ['summary', 'bounceRate', s.bounceRate],
    ['summary', 'pageViews', s.pageViews],
    ['summary', 'avgPageViews', s.avgPageViews],
    ['device', 'desktop', s.devices.desktop],
    ['device', 'mobile', s.devices.mobile],
    ['device', 'tablet', s.devices.tablet],
    ...s.topCountries.map((c): Row => ['country', c.country, c.sessions]),
    ...s.topEntryPages.map((p): Row => ['entryPage', p.page, p.sessions]),
  ];
}
