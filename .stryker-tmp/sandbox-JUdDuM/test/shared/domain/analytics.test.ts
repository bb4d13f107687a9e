// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { analyticsRow, analyticsRows, daysInRange, noActivity } from '../../../shared/domain/analytics.js';
import { datasets } from '../../../shared/domain/datasets.js';

describe('analytics arithmetic', () => {
  it('derives averages to 2 decimals and the bounce rate to 4, from the day’s totals', () => {
    const row = analyticsRow('2026-03-01', {
      sessions: 3,
      activeUsers: 2,
      newUsers: 1,
      totalDurationSeconds: 100,
      pageViews: 7,
      bounces: 1,
      desktopSessions: 1,
      mobileSessions: 1,
      tabletSessions: 1,
    });
    expect(row).toEqual({
      date: '2026-03-01',
      sessions: 3,
      activeUsers: 2,
      newUsers: 1,
      avgDurationSeconds: 33.33,
      totalDurationSeconds: 100,
      pageViews: 7,
      avgPageViews: 2.33,
      bounceRate: 0.3333,
      desktopSessions: 1,
      mobileSessions: 1,
      tabletSessions: 1,
    });
    // Every column of the dataset, and nothing else.
    expect(Object.keys(row)).toEqual(datasets.analytics.columns.map((c) => c.name));
  });

  it('rounds half up at the last digit', () => {
    const row = analyticsRow('2026-03-01', { ...noActivity, sessions: 8, totalDurationSeconds: 1, pageViews: 21, bounces: 1 });
    expect(row).toMatchObject({ avgDurationSeconds: 0.13, avgPageViews: 2.63, bounceRate: 0.125 });
    expect(analyticsRow('2026-03-01', { ...noActivity, sessions: 3, bounces: 2 }).bounceRate).toBe(0.6667);
  });

  it('gives a day without sessions zeros, not NaN', () => {
    expect(analyticsRow('2026-03-01', { ...noActivity, newUsers: 4 })).toMatchObject({
      sessions: 0,
      newUsers: 4,
      avgDurationSeconds: 0,
      avgPageViews: 0,
      bounceRate: 0,
    });
  });

  it('has one row per day of the range, zero days included, across month and leap-day ends', () => {
    const totals = new Map([['2028-02-29', { ...noActivity, sessions: 2, pageViews: 4 }]]);
    const rows = analyticsRows('2028-02-27', '2028-03-02', totals);
    expect(rows.map((r) => r.date)).toEqual(['2028-02-27', '2028-02-28', '2028-02-29', '2028-03-01', '2028-03-02']);
    expect(rows.map((r) => r.sessions)).toEqual([0, 0, 2, 0, 0]);
    expect(daysInRange('2028-02-27', '2028-03-02')).toBe(5);
    expect(daysInRange('2026-01-01', '2026-12-31')).toBe(365);
  });
});
