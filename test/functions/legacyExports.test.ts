import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { Readable } from 'node:stream';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { datasets } from '../../shared/domain/datasets.js';
import { ACME, GLOBEX, testEnv, type TestEnv } from '../support/testServices.js';

/** The legacy synchronous endpoints, on a real SQLite file: same data and writers as export jobs. */
let env: TestEnv;
let admin: string;
const fn = (name: string) => functionDefinitions.find((d): d is HttpFunctionDefinition => d.kind === 'http' && d.name === name)!;

async function get(name: string, path: string, token = admin): Promise<{ res: HttpResponseInit; text: string }> {
  const res = await fn(name).handler(
    new HttpRequest({ method: 'GET', url: `http://localhost/api/${path}`, headers: { authorization: `Bearer ${token}` } }),
    new InvocationContext({ logHandler: () => undefined }),
    async () => env.services,
  );
  let text = typeof res.body === 'string' ? res.body : res.jsonBody !== undefined ? JSON.stringify(res.jsonBody) : '';
  if (res.body instanceof Readable) {
    const chunks: Buffer[] = [];
    for await (const c of res.body) chunks.push(c as Buffer);
    text = Buffer.concat(chunks).toString('utf8');
  } else if (res.body instanceof Uint8Array) text = Buffer.from(res.body).toString('utf8');
  return { res, text };
}
const header = (res: HttpResponseInit, name: string) =>
  Object.entries((res.headers ?? {}) as Record<string, string>).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const count = async (table: 'sessions' | 'users', org: string, column: string, from: string, to: string) =>
  Number(
    (
      await env.runtime.sql.db
        .selectFrom(table)
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('organization_id', '=', org)
        .where(column as 'organization_id', '>=', `${from}T00:00:00.000Z`)
        .where(column as 'organization_id', '<', `${to}T24:00:00.000Z`)
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv({ env: { EXPORT_SYNC_ROW_CAP: '150' } });
  admin = env.token(ACME, 'Admin', 'legacy-admin');
});
afterAll(async () => {
  await env.cleanup();
});

describe('GET /api/dataexport/*', () => {
  it('streams the organization’s sessions as CSV through the same writer, marked deprecated with its successor', async () => {
    const { res, text } = await get('legacySessionsExport', 'dataexport/sessions?from=2026-02-01&to=2026-02-28');
    expect(res.status).toBe(200);
    expect(header(res, 'Content-Type')).toBe('text/csv; charset=utf-8');
    expect(header(res, 'Content-Disposition')).toBe('attachment; filename="sessions_2026-02-01_2026-02-28.csv"');
    expect(header(res, 'Deprecation')).toBe('@1782864000');
    expect(header(res, 'Link')).toBe('</api/export-jobs>; rel="successor-version"');
    expect(header(res, 'RateLimit-Limit')).toBeDefined();
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(datasets.sessions.columns.map((c) => c.header));
    expect(rows.length - 1).toBe(await count('sessions', ACME, 'started_at', '2026-02-01', '2026-02-28'));
  });

  it('serves JSON with the chosen columns, users and analytics alike', async () => {
    const users = await get(
      'legacyUsersExport',
      'dataexport/users?from=2026-01-01&to=2026-06-30&format=json&columns=userId,email',
    );
    const parsed = JSON.parse(users.text) as Record<string, unknown>[];
    expect(parsed.length).toBe(await count('users', ACME, 'created_at', '2026-01-01', '2026-06-30'));
    expect(Object.keys(parsed[0]!)).toEqual(['userId', 'email']);
    const days = JSON.parse(
      (await get('legacyAnalyticsExport', 'dataexport/analytics?from=2026-03-01&to=2026-03-31&format=json')).text,
    ) as {
      date: string;
    }[];
    expect(days.map((d) => d.date)).toHaveLength(31);
    expect(days.at(-1)?.date).toBe('2026-03-31');
  });

  it('above EXPORT_SYNC_ROW_CAP answers 413 carrying the equivalent POST /api/export-jobs request, which works', async () => {
    const { res, text } = await get(
      'legacySessionsExport',
      'dataexport/sessions?from=2026-01-01&to=2026-06-30&columns=sessionId',
    );
    expect(res.status).toBe(413);
    expect(header(res, 'Deprecation')).toBe('@1782864000');
    const problem = JSON.parse(text) as { code: string; successor: { method: string; href: string; body: unknown } };
    expect(problem.code).toBe('SYNC_EXPORT_TOO_LARGE');
    expect(problem.successor).toEqual({
      method: 'POST',
      href: '/api/export-jobs',
      body: { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' }, columns: ['sessionId'] },
    });
    const created = await fn('createExportJob').handler(
      new HttpRequest({
        method: 'POST',
        url: 'http://localhost/api/export-jobs',
        headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/json' },
        body: { string: JSON.stringify(problem.successor.body) },
      }),
      new InvocationContext({ logHandler: () => undefined }),
      async () => env.services,
    );
    expect(created.status).toBe(202);
  });

  it('refuses bad queries with the legacy field names, and Managers', async () => {
    const bad = await get('legacySessionsExport', 'dataexport/sessions?from=2026-02-01&to=2026-01-01&columns=nope');
    expect(bad.res.status).toBe(400);
    const fields = (JSON.parse(bad.text) as { errors: { field: string }[] }).errors.map((e) => e.field).sort();
    expect(fields).toEqual(['columns.0', 'from']);
    expect((await get('legacySessionsExport', 'dataexport/sessions?from=2026-02-01&to=2026-02-02&extra=1')).res.status).toBe(400);
    expect((await get('legacySessionsExport', 'dataexport/sessions?to=2026-02-02')).res.status).toBe(400);
    const manager = await get(
      'legacySessionsExport',
      'dataexport/sessions?from=2026-02-01&to=2026-02-02',
      env.token(ACME, 'Manager'),
    );
    expect(manager.res.status).toBe(403);
    expect(header(manager.res, 'Link')).toBe('</api/export-jobs>; rel="successor-version"');
  });
});

describe('GET /api/admindashboard/export', () => {
  it('summarises the organization over the range as JSON (consistent with the data) or CSV', async () => {
    const { res, text } = await get('adminDashboardExport', 'admindashboard/export?from=2026-01-01&to=2026-06-30');
    expect(res.status).toBe(200);
    const s = JSON.parse(text) as Record<string, any>;
    expect(s.sessions).toBe(await count('sessions', ACME, 'started_at', '2026-01-01', '2026-06-30'));
    expect(s.newUsers).toBe(await count('users', ACME, 'created_at', '2026-01-01', '2026-06-30'));
    expect(s.devices.desktop + s.devices.mobile + s.devices.tablet).toBe(s.sessions);
    expect(s.activeUsers).toBeGreaterThan(0);
    expect(s.bounceRate).toBeGreaterThanOrEqual(0);
    expect(s.bounceRate).toBeLessThanOrEqual(1);
    expect(s.topCountries.length).toBeGreaterThan(0);
    expect(s.topCountries.length).toBeLessThanOrEqual(10);
    const sorted = [...s.topCountries].sort((a: { sessions: number }, b: { sessions: number }) => b.sessions - a.sessions);
    expect(s.topCountries).toEqual(sorted);
    const other = JSON.parse(
      (await get('adminDashboardExport', 'admindashboard/export?from=2026-01-01&to=2026-06-30', env.token(GLOBEX, 'Admin'))).text,
    ) as { organizationId: string; sessions: number };
    expect(other.organizationId).toBe(GLOBEX);
    const csv = await get('adminDashboardExport', 'admindashboard/export?from=2026-01-01&to=2026-06-30&format=csv');
    expect(header(csv.res, 'Content-Disposition')).toBe('attachment; filename="dashboard_2026-01-01_2026-06-30.csv"');
    const rows = Papa.parse<string[]>(csv.text.replace(/^\uFEFF/, ''), { newline: '\r\n', skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(['Section', 'Name', 'Value']);
    expect(rows).toContainEqual(['summary', 'sessions', String(s.sessions)]);
    expect(header(csv.res, 'Deprecation')).toBe('@1782864000');
  });
});
