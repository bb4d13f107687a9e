import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { adminDashboardExport, legacyDatasetExport } from '../../../shared/app/legacyExports.js';
import type { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, testPolicy } from '../../fakes/fakeServices.js';

/*
 * The legacy synchronous endpoints as use cases on the fakes. Oracles: the fixture's own rows
 * filtered here by hand, Papa Parse for the CSV, literal file names, headers and messages.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
const origin = { requestId: 'req-7', clientAddress: '198.51.100.4' };

const failure = (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e: AppError) => e,
  );

async function text(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}

const parseCsv = (csv: string) => {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
};

describe('legacyDatasetExport', () => {
  it('streams the organization’s sessions of the range as CSV, counted, audited', async () => {
    const world = fakeServices();
    const inRange = world.fixture.sessions.filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01T00:00:00.000Z' && s.startedAt < '2026-04-01T00:00:00.000Z',
    );
    expect(inRange.length).toBeGreaterThan(3);
    const d = await legacyDatasetExport(world, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31' }, origin);
    expect([d.fileName, d.contentType, d.rowCount]).toEqual([
      'sessions_2026-03-01_2026-03-31.csv',
      'text/csv; charset=utf-8',
      inRange.length,
    ]);
    const csv = await text(d.stream);
    expect(csv.startsWith('\uFEFFSession ID,User ID,User email,Started at (UTC),')).toBe(true);
    const [header, ...rows] = parseCsv(csv);
    expect(header).toHaveLength(12);
    expect(rows.map((r) => r[0]).sort()).toEqual(inRange.map((s) => s.id).sort());
    expect(d.rateLimit).toMatchObject({ limit: 1000, remaining: 999 });
    expect(world.audit.records).toEqual([
      {
        seq: 1,
        at: '2026-07-01T00:00:00.000Z',
        action: 'legacy-export',
        jobId: null,
        organizationId: ORG_A,
        actorId: 'admin-a',
        actorOrganizationId: ORG_A,
        clientAddress: '198.51.100.4',
        requestId: 'req-7',
        detail: `sessions 2026-03-01..2026-03-31 rows=${inRange.length}`,
      },
    ]);
  });

  it('honours columns (in order, trimmed), the user filter and JSON', async () => {
    const world = fakeServices();
    const user = world.fixture.a[1];
    const mine = world.fixture.sessions.filter(
      (s) => s.userId === user.id && s.startedAt >= '2026-01-01' && s.startedAt < '2026-07-01',
    );
    const d = await legacyDatasetExport(world, admin, 'sessions', {
      from: '2026-01-01',
      to: '2026-06-30',
      userId: user.id,
      columns: 'device, sessionId',
    });
    const [header, ...rows] = parseCsv(await text(d.stream));
    expect(header).toEqual(['Device', 'Session ID']);
    expect(rows.map((r) => r[1]).sort()).toEqual(mine.map((s) => s.id).sort());
    expect(d.rowCount).toBe(mine.length);

    const json = await legacyDatasetExport(world, admin, 'users', { from: '2026-03-01', to: '2026-03-31', format: 'json' });
    expect([json.fileName, json.contentType]).toEqual(['users_2026-03-01_2026-03-31.json', 'application/json']);
    const parsed = JSON.parse(await text(json.stream)) as unknown[];
    expect(parsed).toHaveLength(json.rowCount);
  });

  it('is for Admins and SuperAdmins only', async () => {
    const e = await failure(legacyDatasetExport(fakeServices(), manager, 'sessions', { from: '2026-03-01', to: '2026-03-31' }));
    expect([e?.code, e?.message]).toEqual([
      'FORBIDDEN',
      'The legacy export endpoints are for Admins and SuperAdmins; use POST /api/export-jobs.',
    ]);
  });

  it('names bad query fields as the query names them', async () => {
    const world = fakeServices();
    const reversed = await failure(legacyDatasetExport(world, admin, 'sessions', { from: '2026-03-31', to: '2026-03-01' }));
    expect(reversed?.code).toBe('VALIDATION_FAILED');
    expect(reversed?.message).toBe('The query is invalid.');
    expect(reversed?.options.details?.map((d) => d.field)).toEqual(['from']);
    const columns = await failure(
      legacyDatasetExport(world, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31', columns: 'nope' }),
    );
    expect(columns?.options.details?.map((d) => d.field)).toEqual(['columns.0']);
    const unknown = await failure(
      legacyDatasetExport(world, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31', extra: '1' }),
    );
    expect([unknown?.code, unknown?.message]).toEqual(['VALIDATION_FAILED', 'The query is invalid.']);
    const missing = await failure(legacyDatasetExport(world, admin, 'sessions', { to: '2026-03-31' }));
    expect(missing?.options.details?.map((d) => d.field)).toEqual(['from']);
    expect(world.audit.records).toEqual([]);
  });

  it('above the synchronous cap: 413 with the export-job request to use instead', async () => {
    const world = fakeServices({ policy: { limits: { ...testPolicy.limits, syncRowCap: 2 } } });
    const heavy = world.fixture.a[0];
    const e = await failure(
      legacyDatasetExport(world, admin, 'sessions', {
        from: '2026-01-01',
        to: '2026-06-30',
        userId: heavy.id,
        columns: 'device',
      }),
    );
    expect(e?.code).toBe('SYNC_EXPORT_TOO_LARGE');
    expect(e?.options.extensions).toStrictEqual({
      successor: {
        method: 'POST',
        href: '/api/export-jobs',
        body: {
          dataType: 'sessions',
          format: 'csv',
          dateRange: { from: '2026-01-01', to: '2026-06-30' },
          filters: { userId: heavy.id },
          columns: ['device'],
        },
      },
    });
    const all = await failure(legacyDatasetExport(world, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31' }));
    expect(all?.message).toMatch(
      /^This download has \d+ rows; synchronous downloads are limited to 2\. Create an export job instead \(see successor\)\.$/,
    );
    expect(all?.options.extensions).toStrictEqual({
      successor: {
        method: 'POST',
        href: '/api/export-jobs',
        body: { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } },
      },
    });
    expect(world.audit.records).toEqual([]);
  });

  it('counts against the per-user rate', async () => {
    const world = fakeServices({ policy: { limits: { ...testPolicy.limits, createRate: { limit: 1, windowSeconds: 60 } } } });
    await legacyDatasetExport(world, admin, 'users', { from: '2026-03-01', to: '2026-03-31' });
    expect((await failure(legacyDatasetExport(world, admin, 'users', { from: '2026-03-01', to: '2026-03-31' })))?.code).toBe(
      'RATE_LIMITED',
    );
  });
});

describe('adminDashboardExport', () => {
  it('JSON by default: the organization’s summary; audited', async () => {
    const world = fakeServices();
    const r = await adminDashboardExport(world, admin, { from: '2026-03-01', to: '2026-03-31' }, origin);
    if (r.format !== 'json') throw new Error('expected JSON');
    const sessions = world.fixture.sessions.filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01T00:00:00.000Z' && s.startedAt < '2026-04-01T00:00:00.000Z',
    );
    expect(r.summary).toMatchObject({ organizationId: ORG_A, from: '2026-03-01', to: '2026-03-31', sessions: sessions.length });
    expect(world.audit.records.map((a) => [a.action, a.detail, a.requestId])).toEqual([
      ['legacy-export', 'dashboard 2026-03-01..2026-03-31', 'req-7'],
    ]);
  });

  it('CSV on request, with a BOM and a file name', async () => {
    const r = await adminDashboardExport(fakeServices(), admin, { from: '2026-03-01', to: '2026-03-31', format: 'csv' });
    if (r.format !== 'csv') throw new Error('expected CSV');
    expect(r.fileName).toBe('dashboard_2026-03-01_2026-03-31.csv');
    const csv = r.csv.toString('utf8');
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(parseCsv(csv).length).toBeGreaterThan(1);
  });

  it('refuses Managers, a reversed range (naming `from`) and unknown parameters', async () => {
    const world = fakeServices();
    expect((await failure(adminDashboardExport(world, manager, { from: '2026-03-01', to: '2026-03-31' })))?.code).toBe(
      'FORBIDDEN',
    );
    const reversed = await failure(adminDashboardExport(world, admin, { from: '2026-03-31', to: '2026-03-01' }));
    expect([reversed?.code, reversed?.options.details]).toEqual([
      'VALIDATION_FAILED',
      [{ field: 'from', message: 'from must not be after to' }],
    ]);
    expect((await failure(adminDashboardExport(world, admin, { from: '2026-03-01', to: '2026-03-31', x: '1' })))?.code).toBe(
      'VALIDATION_FAILED',
    );
    expect(world.audit.records).toEqual([]);
  });
});

describe('legacy limits, named as the query names them', () => {
  const limited = (limits: Partial<typeof testPolicy.limits>) =>
    fakeServices({ policy: { limits: { ...testPolicy.limits, ...limits } } });

  it('a download of exactly the synchronous cap streams; the span over the maximum names `from`', async () => {
    const probe = fakeServices();
    const march = probe.fixture.sessions.filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01T00:00:00.000Z' && s.startedAt < '2026-04-01T00:00:00.000Z',
    ).length;
    const atCap = limited({ syncRowCap: march });
    const d = await legacyDatasetExport(atCap, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31' });
    expect(d.rowCount).toBe(march);
    const short = limited({ maxDateSpanDays: 30 });
    const e = await failure(legacyDatasetExport(short, admin, 'sessions', { from: '2026-03-01', to: '2026-03-31' }));
    expect([e?.code, e?.message, e?.options.details]).toEqual([
      'VALIDATION_FAILED',
      'The date range spans 31 days; at most 30 are allowed.',
      [{ field: 'from', message: 'spans 31 days; at most 30' }],
    ]);
    expect(short.audit.records).toEqual([]);
  });

  it('the dashboard: one day is a range; a reversed range is “The query is invalid.”; the span names `from`', async () => {
    const world = limited({ maxDateSpanDays: 30 });
    const day = await adminDashboardExport(world, admin, { from: '2026-03-10', to: '2026-03-10' });
    if (day.format !== 'json') throw new Error('expected JSON');
    expect([day.summary.from, day.summary.to]).toEqual(['2026-03-10', '2026-03-10']);
    const reversed = await failure(adminDashboardExport(world, admin, { from: '2026-03-11', to: '2026-03-10' }));
    expect([reversed?.code, reversed?.message]).toEqual(['VALIDATION_FAILED', 'The query is invalid.']);
    const long = await failure(adminDashboardExport(world, admin, { from: '2026-03-01', to: '2026-03-31' }));
    expect([long?.code, long?.message, long?.options.details]).toEqual([
      'VALIDATION_FAILED',
      'The date range spans 31 days; at most 30 are allowed.',
      [{ field: 'from', message: 'spans 31 days; at most 30' }],
    ]);
    expect(world.audit.records).toHaveLength(1);
  });
});
