import { describe, expect, it } from 'vitest';
import { dashboardColumns, dashboardRows, dashboardSummary } from '../../../shared/domain/dashboard.js';
import {
  accepted,
  eventIdOf,
  eventTypeOf,
  jobEventOf,
  jobEventTypes,
  retryDelaySeconds,
  webhookUrlProblem,
} from '../../../shared/domain/webhooks.js';
import { storedJob } from '../../support/storedJob.js';

describe('webhook rules', () => {
  it('event types and ids', () => {
    expect(jobEventTypes).toEqual(['export_job.completed', 'export_job.failed', 'export_job.cancelled', 'export_job.expired']);
    expect(
      ['Pending', 'Processing', 'Completed', 'Failed', 'Cancelled', 'Expired'].map((s) => eventTypeOf(s as 'Pending')),
    ).toEqual([undefined, undefined, 'export_job.completed', 'export_job.failed', 'export_job.cancelled', 'export_job.expired']);
    expect(eventIdOf('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe('evt_3f2504e04f8911d39a0c0305e82c3301');
  });

  it('the event of a Completed job links its download; of a Failed one, its error', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const done = jobEventOf(
      storedJob({ status: 'Completed', rowCount: 3, sizeBytes: 10, sha256: 'ab', completedAt: 't1', expiresAt: 't2' }),
      'export_job.completed',
      't3',
    );
    expect(done).toEqual({
      id: 'evt_00000000000040008000000000000001',
      type: 'export_job.completed',
      createdAt: 't3',
      data: {
        jobId: id,
        organizationId: 'org',
        status: 'Completed',
        dataType: 'sessions',
        format: 'csv',
        dateRange: { from: '2026-01-01', to: '2026-01-02' },
        rowCount: 3,
        sizeBytes: 10,
        sha256: 'ab',
        fileName: 'sessions_2026-01-01_2026-01-02.csv',
        completedAt: 't1',
        expiresAt: 't2',
        error: null,
        links: { self: `/api/export-jobs/${id}`, download: `/api/export-jobs/${id}/download` },
      },
    });
    const failed = jobEventOf(
      storedJob({ status: 'Failed', lastError: { code: 'EXPORT_FAILED', message: 'x' } }),
      'export_job.failed',
      't',
    );
    expect(failed.data.links).toStrictEqual({ self: `/api/export-jobs/${id}` });
    expect(failed.data.error).toEqual({ code: 'EXPORT_FAILED', message: 'x' });
  });

  it('retry delays double from the base, capped', () => {
    const policy = { retryBaseSeconds: 30, capSeconds: 100 };
    expect([1, 2, 3, 4, 5].map((n) => retryDelaySeconds(policy, n))).toEqual([30, 30, 60, 100, 100]);
  });

  it('only a 2xx is accepted', () => {
    expect([null, 199, 200, 204, 299, 300, 301, 500].map(accepted)).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it.each([
    ['not a url', false, 'must be an absolute URL'],
    ['https://hooks.example.com/x', false, undefined],
    ['http://hooks.example.com/x', false, 'must use https'],
    ['http://hooks.example.com/x', true, 'must use https'],
    ['https://user:pw@hooks.example.com/x', false, 'must not carry credentials'],
    ['https://user@hooks.example.com/x', false, 'must not carry credentials'],
    ['https://:pw@hooks.example.com/x', false, 'must not carry credentials'],
    ['https://hooks.example.com/x#frag', false, 'must not have a fragment'],
    ['https://localhost/x', false, 'must not point at this machine (loopback)'],
    ['https://api.localhost/x', false, 'must not point at this machine (loopback)'],
    ['https://localhost.example.com/x', false, undefined],
    ['https://127.0.0.1/x', false, 'must not point at this machine (loopback)'],
    ['https://[::1]/x', false, 'must not point at this machine (loopback)'],
    ['http://localhost:8080/x', true, undefined],
    ['http://api.localhost/x', true, undefined],
    ['http://127.0.0.1:9/x', true, undefined],
    ['http://[::1]:9/x', true, undefined],
    ['https://[::1]/x', true, undefined],
    ['https://10.0.0.1/x', false, 'must not point at a private, link-local or reserved address'],
    ['https://[fe80::1]/x', false, 'must not point at a private, link-local or reserved address'],
    ['https://8.8.8.8/x', false, undefined],
    ['https://[2606:4700:4700::1111]/x', false, undefined],
    ['https://intranet/x', false, 'must name a public host'],
  ] as const)('webhookUrlProblem(%s, loopback allowed %s) → %s', (url, allowLoopback, expected) => {
    expect(webhookUrlProblem(url, allowLoopback)).toBe(expected);
  });
});

describe('dashboard', () => {
  const totals = {
    sessions: 8,
    activeUsers: 3,
    newUsers: 1,
    totalDurationSeconds: 100,
    pageViews: 21,
    bounces: 3,
    desktopSessions: 5,
    mobileSessions: 2,
    tabletSessions: 1,
    topCountries: [{ name: 'DE', sessions: 6 }],
    topEntryPages: [{ name: '/home', sessions: 8 }],
  };

  it('averages to 2 decimals, the bounce rate to 4; zero sessions give zeros', () => {
    const s = dashboardSummary('org', '2026-01-01', '2026-01-31', totals);
    expect(s).toEqual({
      organizationId: 'org',
      from: '2026-01-01',
      to: '2026-01-31',
      sessions: 8,
      activeUsers: 3,
      newUsers: 1,
      avgDurationSeconds: 12.5,
      bounceRate: 0.375,
      pageViews: 21,
      avgPageViews: 2.63,
      devices: { desktop: 5, mobile: 2, tablet: 1 },
      topCountries: [{ country: 'DE', sessions: 6 }],
      topEntryPages: [{ page: '/home', sessions: 8 }],
    });
    const empty = dashboardSummary('org', '2026-01-01', '2026-01-31', {
      ...totals,
      sessions: 0,
      topCountries: [],
      topEntryPages: [],
    });
    expect([empty.avgDurationSeconds, empty.bounceRate, empty.avgPageViews]).toEqual([0, 0, 0]);
  });

  it('the flat table, row by row', () => {
    expect(dashboardColumns.map((c) => [c.name, c.header, c.type])).toEqual([
      ['section', 'Section', 'string'],
      ['name', 'Name', 'string'],
      ['value', 'Value', 'number'],
    ]);
    expect(dashboardRows(dashboardSummary('org', '2026-01-01', '2026-01-31', totals))).toEqual([
      ['summary', 'sessions', 8],
      ['summary', 'activeUsers', 3],
      ['summary', 'newUsers', 1],
      ['summary', 'avgDurationSeconds', 12.5],
      ['summary', 'bounceRate', 0.375],
      ['summary', 'pageViews', 21],
      ['summary', 'avgPageViews', 2.63],
      ['device', 'desktop', 5],
      ['device', 'mobile', 2],
      ['device', 'tablet', 1],
      ['country', 'DE', 6],
      ['entryPage', '/home', 8],
    ]);
  });
});
