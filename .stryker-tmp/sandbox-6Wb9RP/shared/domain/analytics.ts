// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
export const noActivity: DayTotals = stryMutAct_9fa48("0") ? {} : (stryCov_9fa48("0"), {
  sessions: 0,
  activeUsers: 0,
  newUsers: 0,
  totalDurationSeconds: 0,
  pageViews: 0,
  bounces: 0,
  desktopSessions: 0,
  mobileSessions: 0,
  tabletSessions: 0
});

/** Averages to 2 decimals, ratios to 4 (a bounce rate of 0.1234 reads as 12.34 %). */
const round = (value: number, decimals: number): number => {
  if (stryMutAct_9fa48("1")) {
    {}
  } else {
    stryCov_9fa48("1");
    const f = 10 ** decimals;
    return stryMutAct_9fa48("2") ? Math.round(value * f) * f : (stryCov_9fa48("2"), Math.round(stryMutAct_9fa48("3") ? value / f : (stryCov_9fa48("3"), value * f)) / f);
  }
};
const per = stryMutAct_9fa48("4") ? () => undefined : (stryCov_9fa48("4"), (() => {
  const per = (n: number, sessions: number, decimals: number): number => (stryMutAct_9fa48("7") ? sessions !== 0 : stryMutAct_9fa48("6") ? false : stryMutAct_9fa48("5") ? true : (stryCov_9fa48("5", "6", "7"), sessions === 0)) ? 0 : round(stryMutAct_9fa48("8") ? n * sessions : (stryCov_9fa48("8"), n / sessions), decimals);
  return per;
})());

/** One analytics row, keyed by the dataset's column names. */
export function analyticsRow(date: string, t: DayTotals): Readonly<Record<string, CellValue>> {
  if (stryMutAct_9fa48("9")) {
    {}
  } else {
    stryCov_9fa48("9");
    return stryMutAct_9fa48("10") ? {} : (stryCov_9fa48("10"), {
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
      tabletSessions: t.tabletSessions
    });
  }
}

/** Every day from `first` to `last` inclusive gets a row — days without activity as zeros — so charts have no gaps. */
export function analyticsRows(first: string, last: string, totalsByDay: ReadonlyMap<string, DayTotals>): Readonly<Record<string, CellValue>>[] {
  if (stryMutAct_9fa48("11")) {
    {}
  } else {
    stryCov_9fa48("11");
    const rows: Readonly<Record<string, CellValue>>[] = stryMutAct_9fa48("12") ? ["Stryker was here"] : (stryCov_9fa48("12"), []);
    for (let day = first; stryMutAct_9fa48("15") ? day > last : stryMutAct_9fa48("14") ? day < last : stryMutAct_9fa48("13") ? false : (stryCov_9fa48("13", "14", "15"), day <= last); day = addDays(day, 1)) rows.push(analyticsRow(day, stryMutAct_9fa48("16") ? totalsByDay.get(day) && noActivity : (stryCov_9fa48("16"), totalsByDay.get(day) ?? noActivity)));
    return rows;
  }
}

/** Days in the inclusive range: the analytics row count. */
export const daysInRange = stryMutAct_9fa48("17") ? () => undefined : (stryCov_9fa48("17"), (() => {
  const daysInRange = (from: string, to: string): number => stryMutAct_9fa48("18") ? Math.round((Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / 86_400_000) - 1 : (stryCov_9fa48("18"), Math.round(stryMutAct_9fa48("19") ? (Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) * 86_400_000 : (stryCov_9fa48("19"), (stryMutAct_9fa48("20") ? Date.parse(`${to}T00:00:00.000Z`) + Date.parse(`${from}T00:00:00.000Z`) : (stryCov_9fa48("20"), Date.parse(stryMutAct_9fa48("21") ? `` : (stryCov_9fa48("21"), `${to}T00:00:00.000Z`)) - Date.parse(stryMutAct_9fa48("22") ? `` : (stryCov_9fa48("22"), `${from}T00:00:00.000Z`)))) / 86_400_000)) + 1);
  return daysInRange;
})());