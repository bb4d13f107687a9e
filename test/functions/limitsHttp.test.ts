import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';
import { afterEach, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { ACME, testEnv, type TestEnv } from '../support/testServices.js';

/** Idempotency, quotas, rates and date bounds over the HTTP handlers, on a real SQLite file. */
let env: TestEnv | undefined;
afterEach(async () => {
  await env?.cleanup();
  env = undefined;
});
const fn = (name: string) => functionDefinitions.find((d): d is HttpFunctionDefinition => d.kind === 'http' && d.name === name)!;
const valid = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } };
const header = (res: HttpResponseInit, name: string) =>
  Object.entries((res.headers ?? {}) as Record<string, string>).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
const json = (res: HttpResponseInit) => (res.jsonBody ?? JSON.parse(String(res.body))) as Record<string, any>;

async function post(e: TestEnv, token: string, body: unknown, o: { key?: string; path?: string; fn?: string; id?: string } = {}) {
  return fn(o.fn ?? 'createExportJob').handler(
    new HttpRequest({
      method: 'POST',
      url: `http://localhost/api/${o.path ?? 'export-jobs'}`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(o.key ? { 'idempotency-key': o.key } : {}),
      },
      params: o.id ? { id: o.id } : {},
      body: { string: JSON.stringify(body) },
    }),
    new InvocationContext({ logHandler: () => undefined }),
    async () => e.services,
  );
}
const jobCount = async (e: TestEnv) =>
  Number(
    (
      await e.runtime.sql.db
        .selectFrom('export_jobs')
        .select((x) => x.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('Idempotency-Key', () => {
  it('returns the original job for a repeated request, 422 for another request, one job for concurrent duplicates', async () => {
    env = await testEnv();
    const e = env;
    const token = e.token(ACME, 'Manager', 'idem');
    const first = await post(e, token, valid, { key: 'order-42' });
    expect(first.status).toBe(202);
    const again = await post(e, token, valid, { key: 'order-42' });
    expect(again.status).toBe(202);
    expect(json(again).id).toBe(json(first).id);
    expect(header(again, 'Idempotent-Replayed')).toBe('true');
    expect(header(again, 'Location')).toBe(`/api/export-jobs/${json(first).id}`);
    const other = await post(e, token, { ...valid, format: 'json' }, { key: 'order-42' });
    expect(other.status).toBe(422);
    expect(json(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
    const before = await jobCount(e);
    const burst = await Promise.all(Array.from({ length: 10 }, () => post(e, token, valid, { key: 'order-43' })));
    expect(burst.map((r) => r.status)).toEqual(Array(10).fill(202));
    expect(new Set(burst.map((r) => json(r).id)).size).toBe(1);
    expect(await jobCount(e)).toBe(before + 1);
  });

  it('concurrent retries of one job create one new job', async () => {
    env = await testEnv();
    const e = env;
    const token = e.token(ACME, 'Admin', 'retrier');
    const id = json(await post(e, token, valid)).id as string;
    await fn('cancelExportJob').handler(
      new HttpRequest({
        method: 'DELETE',
        url: `http://localhost/api/export-jobs/${id}`,
        headers: { authorization: `Bearer ${token}` },
        params: { id },
      }),
      new InvocationContext({ logHandler: () => undefined }),
      async () => e.services,
    );
    const before = await jobCount(e);
    const retries = await Promise.all(
      Array.from({ length: 20 }, () => post(e, token, {}, { fn: 'retryExportJob', path: `export-jobs/${id}/retry`, id })),
    );
    expect(retries.map((r) => r.status)).toEqual(Array(20).fill(202));
    expect(new Set(retries.map((r) => json(r).id)).size).toBe(1);
    expect(await jobCount(e)).toBe(before + 1);
  });
});

describe('limits (OWASP API4)', () => {
  it('rate: RateLimit headers on every create, then 429 with Retry-After once the minute is used up', async () => {
    env = await testEnv({ env: { EXPORT_CREATE_RATE_PER_MINUTE: '3' } });
    const token = env.token(ACME, 'Manager', 'eager');
    const remaining: (string | undefined)[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await post(env, token, valid);
      expect(r.status).toBe(202);
      remaining.push(header(r, 'RateLimit-Remaining'));
      expect(header(r, 'RateLimit-Policy')).toBe('3;w=60');
    }
    expect(remaining).toEqual(['2', '1', '0']);
    const refused = await post(env, token, valid);
    expect(refused.status).toBe(429);
    expect(json(refused).code).toBe('RATE_LIMITED');
    expect(Number(header(refused, 'Retry-After'))).toBeGreaterThan(0);
    expect(header(refused, 'RateLimit-Remaining')).toBe('0');
    expect((await post(env, env.token(ACME, 'Manager', 'patient'), valid)).status, 'per user').toBe(202);
  });

  it('quotas: at most N active jobs per user and per organization (429 + Retry-After); finished jobs free a place', async () => {
    env = await testEnv({ env: { EXPORT_MAX_ACTIVE_JOBS_PER_USER: '2', EXPORT_MAX_ACTIVE_JOBS_PER_ORG: '3' } });
    const a = env.token(ACME, 'Manager', 'quota-a');
    const b = env.token(ACME, 'Manager', 'quota-b');
    const first = json(await post(env, a, valid)).id as string;
    expect((await post(env, a, valid)).status).toBe(202);
    const mine = await post(env, a, valid);
    expect([mine.status, json(mine).code, header(mine, 'Retry-After')]).toEqual([429, 'QUOTA_EXCEEDED', '30']);
    expect((await post(env, b, valid)).status).toBe(202);
    expect(json(await post(env, b, valid)).code, 'the organization is full').toBe('QUOTA_EXCEEDED');
    await processExport(env.services, { jobId: first, attempt: 1 }, silentLogger);
    expect((await post(env, b, valid)).status).toBe(202);
  });

  it('dates: a span over the maximum, and ranges outside the supported dates, are 400 — nothing completes with truncated data', async () => {
    env = await testEnv();
    const token = env.token(ACME, 'Admin', 'dates');
    for (const dateRange of [
      { from: '0001-01-01', to: '9999-12-31' },
      { from: '9999-01-01', to: '9999-12-31' },
      { from: '2026-01-01', to: '2027-01-02' },
    ]) {
      const r = await post(env, token, { ...valid, dateRange });
      expect(r.status, JSON.stringify(dateRange)).toBe(400);
    }
    // The longest allowed span, analytics: one row for every day, up to and including the last.
    const year = await post(env, token, { ...valid, dataType: 'analytics', dateRange: { from: '2025-07-01', to: '2026-07-01' } });
    expect(year.status).toBe(202);
    const id = json(year).id as string;
    expect(await processExport(env.services, { jobId: id, attempt: 1 }, silentLogger)).toBe('completed');
    expect((await env.services.repo.get(id))?.rowCount).toBe(366);
  });

  it('a problem repeats only a short excerpt of the input (a 60 KB unknown key, a 4,000-entry column list)', async () => {
    env = await testEnv();
    const token = env.token(ACME, 'Admin');
    for (const body of [
      { ...valid, ['k'.repeat(60_000)]: 1 },
      { ...valid, columns: Array.from({ length: 4_000 }, (_, i) => `c${i}x`) },
    ]) {
      const r = await post(env, token, body);
      expect(r.status).toBe(400);
      const text = JSON.stringify(json(r));
      expect(text.length).toBeLessThan(4000);
      expect(json(r).errors.length).toBeLessThanOrEqual(20);
    }
  });

  it('rows: every format is counted first; over EXPORT_MAX_ROWS is 422', async () => {
    env = await testEnv({ env: { EXPORT_MAX_ROWS: '50' } });
    const r = await post(env, env.token(ACME, 'Admin'), valid);
    expect(r.status).toBe(422);
    expect(json(r)).toMatchObject({ code: 'ROW_CAP_EXCEEDED' });
    expect(await jobCount(env)).toBe(0);
  });
});
