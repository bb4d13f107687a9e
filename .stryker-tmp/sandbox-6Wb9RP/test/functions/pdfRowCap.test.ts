// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExportJobFunction } from '../../functions/createExportJob.js';
import { ACME, testEnv, type TestEnv } from '../support/testServices.js';
import { bodyOf, context, httpRequest } from '../support/http.js';

let env: TestEnv;
const services = () => Promise.resolve(env.services);
beforeAll(async () => {
  env = await testEnv({ sessions: 600, env: { EXPORT_PDF_ROW_CAP: '100' } });
});
afterAll(async () => {
  await env.cleanup();
});

const create = (body: unknown) =>
  createExportJobFunction.handler(
    httpRequest({ method: 'POST', path: 'export-jobs', token: env.token(ACME, 'Admin'), body }),
    context(),
    services,
  );

describe('PDF row cap', () => {
  it('refuses a PDF over the cap at create time with 422 naming the cap, and creates nothing', async () => {
    const res = await create({ dataType: 'sessions', format: 'pdf', dateRange: { from: '2026-01-01', to: '2026-06-30' } });
    expect(res.status).toBe(422);
    const problem = bodyOf(res);
    expect(problem.code).toBe('ROW_CAP_EXCEEDED');
    expect(problem.detail).toMatch(/limited to 100 rows/);
    expect(problem.detail).toMatch(/CSV or Excel/);
    const jobs = await env.runtime.sql.db.selectFrom('export_jobs').selectAll().execute();
    expect(jobs).toHaveLength(0);
  });

  it('accepts the same range as PDF when it fits (a short range), and as CSV or Excel at any size', async () => {
    expect(
      (await create({ dataType: 'sessions', format: 'pdf', dateRange: { from: '2026-01-01', to: '2026-01-03' } })).status,
    ).toBe(202);
    expect(
      (await create({ dataType: 'sessions', format: 'excel', dateRange: { from: '2026-01-01', to: '2026-06-30' } })).status,
    ).toBe(202);
    expect(
      (await create({ dataType: 'analytics', format: 'pdf', dateRange: { from: '2026-01-01', to: '2026-03-31' } })).status,
    ).toBe(202);
  });
});
