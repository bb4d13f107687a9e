import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportJobFunction } from '../../functions/createExportJob.js';
import { getExportJobFunction } from '../../functions/getExportJob.js';
import { listExportJobsFunction } from '../../functions/listExportJobs.js';
import { cancelExportJobFunction } from '../../functions/cancelExportJob.js';
import { downloadExportFunction } from '../../functions/downloadExport.js';
import { ACME, GLOBEX, testEnv, type TestEnv } from '../support/testServices.js';
import { bodyOf, context, headerOf, httpRequest } from '../support/http.js';

const valid = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } };

let env: TestEnv;
const services = () => Promise.resolve(env.services);
let admin: string;

beforeAll(async () => {
  env = await testEnv();
  admin = env.token(ACME, 'Admin', 'admin-1');
});
afterAll(async () => {
  await env.cleanup();
});

const jobCount = async () =>
  (
    await env.runtime.sql.db
      .selectFrom('export_jobs')
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

async function create(token: string, body: unknown = valid) {
  return createExportJobFunction.handler(httpRequest({ method: 'POST', path: 'export-jobs', token, body }), context(), services);
}

describe('POST /api/export-jobs', () => {
  it('answers 202 with the job and its Location, without waiting for the export', async () => {
    const res = await create(admin);
    expect(res.status).toBe(202);
    const job = bodyOf(res);
    expect(headerOf(res, 'Location')).toBe(`/api/export-jobs/${job.id}`);
    expect(job).toMatchObject({
      status: 'Pending',
      dataType: 'sessions',
      format: 'csv',
      organizationId: ACME,
      createdBy: 'admin-1',
    });
    expect(job.fileName).toBe('sessions_2026-01-01_2026-01-31.csv');
    expect(job.downloadUrl).toBeUndefined();
  });

  it.each([
    ['malformed JSON', { rawBody: '{"dataType":' }, 400],
    ['wrong content type', { rawBody: JSON.stringify(valid), contentType: 'text/plain' }, 415],
    ['missing body', { rawBody: '' }, 400],
  ])('rejects %s with a problem and creates nothing', async (_name, o, status) => {
    const before = await jobCount();
    const res = await createExportJobFunction.handler(
      httpRequest({ method: 'POST', path: 'export-jobs', token: admin, ...o }),
      context(),
      services,
    );
    expect(res.status).toBe(status);
    expect(headerOf(res, 'Content-Type')).toBe('application/problem+json');
    expect(bodyOf(res)).toMatchObject({ status });
    expect(await jobCount()).toBe(before);
  });

  it('lists every validation problem at once', async () => {
    const before = await jobCount();
    const res = await create(admin, {
      dataType: 'orders',
      format: 'docx',
      dateRange: { from: '2026-02-30', to: 'tomorrow' },
      extra: true,
    });
    expect(res.status).toBe(400);
    const fields = bodyOf(res)
      .errors.map((e: { field: string }) => e.field)
      .sort();
    expect(fields).toEqual(['(body)', 'dataType', 'dateRange.from', 'dateRange.to', 'format'].sort());
    expect(await jobCount()).toBe(before);
  });

  it('rejects from > to, wrong types and unknown filter fields', async () => {
    for (const body of [
      { ...valid, dateRange: { from: '2026-02-01', to: '2026-01-01' } },
      { ...valid, dateRange: { from: 20260101, to: '2026-01-31' } },
      { ...valid, filters: { team: 'x' } },
      { ...valid, filters: { organizationId: 'not-a-guid' } },
      [valid],
      null,
    ]) {
      const res = await create(admin, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(bodyOf(res))).not.toMatch(/at .*\.js|SELECT|INSERT/i);
    }
  });

  it('needs a valid token: 401 without one or with a forged one', async () => {
    expect((await create('')).status).toBe(401);
    const forged = admin.slice(0, -4) + (admin.endsWith('AAAA') ? 'BBBB' : 'AAAA');
    const res = await create(forged);
    expect(res.status).toBe(401);
    expect(headerOf(res, 'WWW-Authenticate')).toBe('Bearer');
  });

  it('lets only SuperAdmins export another organization (403 otherwise)', async () => {
    const body = { ...valid, filters: { organizationId: GLOBEX } };
    expect((await create(admin, body)).status).toBe(403);
    expect((await create(env.token(ACME, 'Manager'), body)).status).toBe(403);
    const res = await create(env.token(ACME, 'SuperAdmin'), body);
    expect(res.status).toBe(202);
    expect(bodyOf(res).organizationId).toBe(GLOBEX);
  });

  it('refuses a token whose roles grant nothing (403)', async () => {
    const res = await create(env.token(ACME, 'Nobody' as never));
    expect(res.status).toBe(403);
  });
});

describe('GET /api/export-jobs/{id}', () => {
  const get = (token: string, id: string) =>
    getExportJobFunction.handler(
      httpRequest({ method: 'GET', path: `export-jobs/${id}`, token, params: { id } }),
      context(),
      services,
    );

  it('shows the creator their job, and hides it from other tenants exactly like a missing job', async () => {
    const manager = env.token(ACME, 'Manager', 'mgr-1');
    const id = bodyOf(await create(manager)).id as string;
    expect((await get(manager, id)).status).toBe(200);
    expect((await get(admin, id)).status).toBe(200); // Admin of the same org
    const other = await get(env.token(GLOBEX, 'Admin'), id);
    const missing = await get(env.token(GLOBEX, 'Admin'), '00000000-0000-4000-8000-000000000000');
    expect(other.status).toBe(404);
    // The same body but for the request's own path and id.
    expect({ ...bodyOf(other), instance: undefined, requestId: undefined }).toEqual({
      ...bodyOf(missing),
      instance: undefined,
      requestId: undefined,
    });
    expect((await get(env.token(ACME, 'Manager', 'mgr-2'), id)).status).toBe(404); // another Manager
  });

  it('answers 404 (not 500) for an id that is not a GUID', async () => {
    for (const id of ['abc', "1' OR '1'='1", '..%2F..']) {
      const res = await get(admin, id);
      expect(res.status).toBe(404);
      expect(headerOf(res, 'Content-Type')).toBe('application/problem+json');
    }
  });
});

describe('GET /api/export-jobs', () => {
  const list = (token: string, query = '') =>
    listExportJobsFunction.handler(httpRequest({ method: 'GET', path: `export-jobs${query}`, token }), context(), services);

  it('pages newest first with a cursor, scoped by role', async () => {
    const m = env.token(GLOBEX, 'Manager', 'pager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(bodyOf(await create(m, { ...valid, filters: {} })).id);
    const first = bodyOf(await list(m, '?limit=2'));
    expect(first.items.map((j: { id: string }) => j.id)).toHaveLength(2);
    const seen = [...first.items];
    let cursor = first.nextCursor as string | null;
    while (cursor) {
      const page = bodyOf(await list(m, `?limit=2&cursor=${cursor}`));
      seen.push(...page.items);
      cursor = page.nextCursor;
    }
    expect(seen.map((j) => j.id).sort()).toEqual([...ids].sort());
    const created = seen.map((j) => j.createdAt);
    expect(created).toEqual([...created].sort().reverse());
    // A Globex Admin sees them; an Acme Admin does not.
    const globexAdmin = bodyOf(await list(env.token(GLOBEX, 'Admin'), '?limit=100')).items.map((j: { id: string }) => j.id);
    expect(globexAdmin).toEqual(expect.arrayContaining(ids));
    const acmeAdmin = bodyOf(await list(admin, '?limit=100')).items.map((j: { id: string }) => j.id);
    expect(acmeAdmin.filter((id: string) => ids.includes(id))).toEqual([]);
  });

  it('filters by status and dataType — exactly the matching jobs of a mixed set — and rejects bad query values', async () => {
    // A fresh user's own jobs (a Manager lists only their own): every combination of status and type.
    const m = env.token(ACME, 'Manager', `filter-${Date.now()}`);
    const made: { id: string; dataType: string; status: string }[] = [];
    for (const dataType of ['sessions', 'users', 'sessions', 'users']) {
      made.push({ ...bodyOf(await create(m, { ...valid, dataType })), status: 'Pending' });
    }
    for (const j of made.slice(0, 2)) {
      const res = await cancelExportJobFunction.handler(
        httpRequest({ method: 'DELETE', path: `export-jobs/${j.id}`, token: m, params: { id: j.id } }),
        context(),
        services,
      );
      expect(res.status).toBe(200);
      j.status = 'Cancelled';
    }
    const ids = async (query: string) => (bodyOf(await list(m, query)).items as { id: string }[]).map((j) => j.id).sort();
    const expected = (status?: string, dataType?: string) =>
      made
        .filter((j) => (!status || j.status === status) && (!dataType || j.dataType === dataType))
        .map((j) => j.id)
        .sort();
    for (const status of ['Pending', 'Cancelled']) {
      expect(await ids(`?status=${status}`), status).toEqual(expected(status));
      for (const dataType of ['sessions', 'users']) {
        expect(await ids(`?status=${status}&dataType=${dataType}`), `${status} ${dataType}`).toEqual(expected(status, dataType));
        expect(expected(status, dataType)).toHaveLength(1);
      }
    }
    expect(await ids('?dataType=users')).toEqual(expected(undefined, 'users'));
    expect(await ids('?status=Completed')).toEqual([]);
    for (const q of ['?limit=0', '?limit=101', '?status=Done', '?cursor=%%%', '?bogus=1']) {
      expect((await list(admin, q)).status, q).toBe(400);
    }
  });
});

describe('DELETE and download', () => {
  it('cancels a Pending job, then answers 409 for cancelling it again; download of it is 409', async () => {
    const id = bodyOf(await create(admin)).id as string;
    const del = () =>
      cancelExportJobFunction.handler(
        httpRequest({ method: 'DELETE', path: `export-jobs/${id}`, token: admin, params: { id } }),
        context(),
        services,
      );
    const first = await del();
    expect(first.status).toBe(200);
    expect(bodyOf(first).status).toBe('Cancelled');
    expect((await del()).status).toBe(409);
    const dl = await downloadExportFunction.handler(
      httpRequest({ method: 'GET', path: `export-jobs/${id}/download`, token: admin, params: { id } }),
      context(),
      services,
    );
    expect(dl.status).toBe(409);
  });
});
