import { describe, expect, it } from 'vitest';
import { submitExportJob } from '../../../shared/app/createExportJob.js';
import { checkDateSpan, checkQuotas, checkRate, checkRows } from '../../../shared/app/limits.js';
import type { ExportPolicy } from '../../../shared/app/services.js';
import type { AppError } from '../../../shared/domain/errors.js';
import type { ExportRequest } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, testPolicy } from '../../fakes/fakeServices.js';
import { rejection, thrown } from '../../support/appErrors.js';

/*
 * The limits of starting an export, with the texts the portal shows. Oracles: literal messages and
 * options, row counts taken from the fixture's own sessions filtered here by hand.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

const limited = (limits: Partial<ExportPolicy['limits']>, policy: Partial<ExportPolicy> = {}) =>
  fakeServices({ policy: { ...policy, limits: { ...testPolicy.limits, ...limits } } });

/** The problem as the portal sees it. */
const shown = (e: AppError) => ({ code: e.code, message: e.message, options: e.options });

describe('checkDateSpan', () => {
  it('allows the longest span and refuses one day more, naming the field', () => {
    const world = limited({ maxDateSpanDays: 31 });
    expect(() => checkDateSpan(world, { from: '2026-01-01', to: '2026-01-31' })).not.toThrow();
    expect(shown(thrown(() => checkDateSpan(world, { from: '2026-01-01', to: '2026-02-01' })))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The date range spans 32 days; at most 31 are allowed.',
      options: { details: [{ field: 'dateRange', message: 'spans 32 days; at most 31' }] },
    });
    expect(thrown(() => checkDateSpan(world, { from: '2026-01-01', to: '2026-03-01' }, 'from')).options.details).toEqual([
      { field: 'from', message: 'spans 60 days; at most 31' },
    ]);
  });
});

describe('checkRate', () => {
  it('refuses a full window with the limit, the window and the wait in words', async () => {
    const world = limited({ createRate: { limit: 2, windowSeconds: 60 } });
    await submitExportJob(world, admin, body, world.logger);
    world.clock.advance(10);
    await submitExportJob(world, admin, body, world.logger);
    const e = await rejection(checkRate(world, admin));
    expect([e.code, e.message, e.options.retryAfterSeconds]).toEqual([
      'RATE_LIMITED',
      'You may start at most 2 exports per 60 seconds; try again in 50 s.',
      50,
    ]);
  });
});

describe('checkQuotas', () => {
  it('per user: how many are active, the maximum and what to do; retry after 30 s', async () => {
    const world = limited({ maxActiveJobsPerUser: 2 });
    await submitExportJob(world, admin, body, world.logger);
    await submitExportJob(world, admin, body, world.logger);
    expect(shown(await rejection(checkQuotas(world, admin, ORG_A)))).toEqual({
      code: 'QUOTA_EXCEEDED',
      message: 'You have 2 exports pending or running; at most 2 are allowed. Wait for one to finish or cancel one.',
      options: { retryAfterSeconds: 30 },
    });
  });

  it('per organization: how many are active and the maximum; retry after 30 s', async () => {
    const world = limited({ maxActiveJobsPerOrganization: 3 });
    for (const userId of ['a', 'b', 'c']) await submitExportJob(world, { ...admin, userId }, body, world.logger);
    expect(shown(await rejection(checkQuotas(world, admin, ORG_A)))).toEqual({
      code: 'QUOTA_EXCEEDED',
      message: 'The organization has 3 exports pending or running; at most 3 are allowed.',
      options: { retryAfterSeconds: 30 },
    });
  });
});

describe('checkRows', () => {
  const march = { from: '2026-03-01', to: '2026-03-31' };
  const sessions = (format: ExportRequest['format'], filters: ExportRequest['filters'] = {}): ExportRequest => ({
    dataType: 'sessions',
    format,
    dateRange: march,
    filters,
    compression: 'none',
    csv: { delimiter: ',', includeBom: true },
  });
  /** ORG_A's sessions in March (optionally one user's), counted by hand. */
  const marchSessions = (world: ReturnType<typeof fakeServices>, userId?: string) =>
    world.fixture.sessions.filter(
      (s) =>
        s.organizationId === ORG_A &&
        (!userId || s.userId === userId) &&
        s.startedAt >= '2026-03-01T00:00:00.000Z' &&
        s.startedAt < '2026-04-01T00:00:00.000Z',
    ).length;

  it('over the cap: how many rows, the cap and what to do', async () => {
    const probe = fakeServices();
    const rows = marchSessions(probe);
    expect(rows).toBeGreaterThan(3);
    const world = limited({ maxRows: rows - 1 });
    expect(shown(await rejection(checkRows(world, ORG_A, sessions('csv'))))).toEqual({
      code: 'ROW_CAP_EXCEEDED',
      message: `This export has ${rows} rows; exports are limited to ${rows - 1} rows. Narrow the date range or filter by user.`,
      options: {},
    });
    expect(await checkRows(limited({ maxRows: rows }), ORG_A, sessions('csv')), 'exactly the cap').toBe(rows);
  });

  it('a PDF over its own, lower cap is pointed at CSV or Excel; at or above the general cap it is the general text', async () => {
    const rows = marchSessions(fakeServices());
    const pdfCapped = limited({ maxRows: rows }, { pdfRowCap: rows - 1 });
    expect((await rejection(checkRows(pdfCapped, ORG_A, sessions('pdf')))).message).toBe(
      `This export has ${rows} rows; PDF exports are limited to ${rows - 1} rows. Choose CSV or Excel, or narrow the date range.`,
    );
    const general = `This export has ${rows} rows; exports are limited to ${rows - 1} rows. Narrow the date range or filter by user.`;
    const same = limited({ maxRows: rows - 1 }, { pdfRowCap: rows - 1 });
    expect((await rejection(checkRows(same, ORG_A, sessions('pdf')))).message).toBe(general);
    const higher = limited({ maxRows: rows - 1 }, { pdfRowCap: rows + 100 });
    expect((await rejection(checkRows(higher, ORG_A, sessions('pdf')))).message).toBe(general);
  });

  it('counts only the filtered user’s rows', async () => {
    const probe = fakeServices();
    const user = probe.fixture.a[0];
    const theirs = marchSessions(probe, user.id);
    expect(theirs).toBeGreaterThan(0);
    expect(theirs).toBeLessThan(marchSessions(probe));
    const world = fakeServices({ fixture: probe.fixture, policy: { limits: { ...testPolicy.limits, maxRows: theirs } } });
    expect(await checkRows(world, ORG_A, sessions('csv', { userId: user.id }))).toBe(theirs);
  });
});
