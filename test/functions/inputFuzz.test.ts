import { HttpRequest, InvocationContext } from '@azure/functions';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import { processExport } from '../../shared/app/processExport.js';
import { createExportJob } from '../../shared/app/createExportJob.js';
import { cancelExportJob } from '../../shared/app/cancelExportJob.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { openApiConformance, responseOf } from '../support/openApiConformance.js';
import { headerOf } from '../support/http.js';
import { ACME, GLOBEX, testEnv, type TestEnv } from '../support/testServices.js';

/**
 * A fast-check fuzz of every endpoint's inputs — bodies, queries, path ids, headers, tokens —
 * through the real handlers on a real SQLite file and Azurite. Whatever comes in: never a 5xx,
 * never a job from invalid input (only a 202 may add one), and every response conforms to the
 * OpenAPI document.
 */
const RUNS = 200;
let env: TestEnv;
let completedId: string;
let webhookId: string;
let tokens: string[];
const conformance = openApiConformance();
const definition = (name: string) =>
  functionDefinitions.find((d): d is HttpFunctionDefinition => d.kind === 'http' && d.name === name)!;

const jobCount = async () =>
  Number(
    (
      await env.runtime.sql.db
        .selectFrom('export_jobs')
        .select((e) => e.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

beforeAll(async () => {
  env = await testEnv();
  tokens = [
    env.token(ACME, 'Admin', 'fuzz-admin'),
    env.token(ACME, 'Manager', 'fuzz-manager'),
    env.token(GLOBEX, 'SuperAdmin', 'fuzz-root'),
    env.token(ACME, 'Reader' as never),
  ];
  const created = await definition('createExportJob').handler(
    new HttpRequest({
      method: 'POST',
      url: 'http://localhost/api/export-jobs',
      headers: { authorization: `Bearer ${tokens[0]}`, 'content-type': 'application/json' },
      body: {
        string: JSON.stringify({ dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } }),
      },
    }),
    new InvocationContext({ logHandler: () => undefined }),
    async () => env.services,
  );
  completedId = (created.jsonBody as { id: string }).id;
  webhookId = await freshWebhook();
  await processExport(env.services, { jobId: completedId, attempt: 1 }, silentLogger);
});
afterAll(async () => {
  await env.cleanup();
});

// ---- arbitraries --------------------------------------------------------------------------------
const text = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom('', ' ', '%', '%E0%A4%A', '../..', "' or 1=1 --", '\u0000', 'x'.repeat(5000), '🙂', 'NaN', '-1', '1e308'),
);
const date = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .date({ min: new Date('2026-01-01'), max: new Date('2026-06-30'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
  },
  fc.constantFrom('2026-01-01', '2026-01-31', '2026-02-30', '0001-01-01', '9999-12-31', '2999-12-31', '1899-12-31', '2026-1-1'),
  fc
    .date({ min: new Date('1800-01-01'), max: new Date('3100-01-01'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  text,
);
/** What an HTTP header can carry: Latin-1 bytes without control characters (anything else never reaches a handler). */
const headerText = text.map((t) => t.replace(/[^\x20-\x7e\x80-\xff\t]/g, '?'));
/** Usually absent (as a client leaves optional fields out), sometimes present. */
const maybe = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: a });
const validish = fc.record(
  {
    dataType: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('sessions', 'users', 'analytics') }, text),
    format: fc.oneof({ weight: 6, arbitrary: fc.constantFrom('csv', 'json', 'ndjson', 'excel', 'pdf') }, text),
    dateRange: fc.oneof(
      // Mostly in order (else nearly every body is refused for from > to), sometimes not.
      { weight: 6, arbitrary: fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })) },
      { weight: 1, arbitrary: fc.record({ from: date, to: date }) },
      fc.anything(),
    ),
    filters: maybe(
      fc.oneof(
        fc.record({
          userId: maybe(text),
          organizationId: maybe(fc.oneof(fc.constantFrom(ACME, GLOBEX, ACME.toUpperCase()), text)),
        }),
        fc.anything(),
      ),
    ),
    columns: maybe(
      fc.oneof(
        fc.array(fc.oneof(fc.constantFrom('sessionId', 'email', 'date', 'startedAt'), text), { maxLength: 70 }),
        fc.anything(),
      ),
    ),
    compression: maybe(fc.oneof(fc.constantFrom('none', 'gzip'), text)),
    csv: maybe(
      fc.oneof(
        fc.record({ delimiter: maybe(fc.oneof(fc.constantFrom(',', ';', '\t'), text)), includeBom: maybe(fc.anything()) }),
        fc.anything(),
      ),
    ),
  },
  { requiredKeys: ['dataType', 'format', 'dateRange'] },
);
const valid = fc.record({
  dataType: fc.constantFrom('sessions', 'users', 'analytics'),
  format: fc.constantFrom('csv', 'json', 'ndjson', 'excel'),
  dateRange: fc.tuple(date, date).map(([a, b]) => (a <= b ? { from: a, to: b } : { from: b, to: a })),
});
/** A webhook registration, often well-formed, with URLs the SSRF rules must refuse among them. */
const webhookish = fc.record(
  {
    url: fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('https://hooks.example.com/x', 'https://93.184.216.34/hook') },
      fc.constantFrom(
        'http://hooks.example.com/',
        'https://10.0.0.1/',
        'https://169.254.169.254/',
        'https://[::1]/',
        'https://localhost/',
        'https://u:p@h.example.com/',
      ),
      text,
    ),
    description: maybe(text),
  },
  { requiredKeys: ['url'] },
);
const body = fc.oneof(
  { weight: 2, arbitrary: webhookish.map((b) => JSON.stringify(b)) },
  { weight: 2, arbitrary: valid.map((b) => JSON.stringify(b)) },
  { weight: 4, arbitrary: validish.map((b) => JSON.stringify(b)) },
  { weight: 1, arbitrary: fc.jsonValue().map((v) => JSON.stringify(v)) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constant('x'.repeat(70_000)) },
);
const token = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(0, 1, 2, 3).map((i) => `Bearer ${tokens[i]}`) },
  { weight: 1, arbitrary: fc.constantFrom('', 'Bearer', 'Bearer a.b.c', 'Basic Zm9vOmJhcg==') },
  { weight: 1, arbitrary: headerText.map((t) => `Bearer ${t}`) },
);
const headers = fc.record(
  {
    authorization: token,
    'content-type': fc.oneof(
      { weight: 6, arbitrary: fc.constant('application/json') },
      fc.constantFrom('application/json; charset=utf-8', 'text/plain', 'APPLICATION/JSON', ''),
      headerText,
    ),
    'idempotency-key': maybe(fc.oneof(fc.uuid(), headerText)),
    'x-request-id': maybe(fc.oneof(fc.uuid(), headerText)),
    range: maybe(
      fc.oneof(
        fc.constantFrom('bytes=0-0', 'bytes=-10', 'bytes=5-', 'bytes=0-1,2-3', 'bytes=999999999-', 'bytes=9-1', 'items=0-1'),
        headerText,
      ),
    ),
    'if-range': maybe(headerText),
    'if-none-match': maybe(fc.oneof(fc.constant('*'), headerText)),
  },
  { requiredKeys: ['authorization'] },
);
const query = (keys: readonly string[]) =>
  fc.dictionary(
    fc.oneof(fc.constantFrom(...keys), fc.string({ maxLength: 12 })),
    fc.oneof(date, text, fc.constantFrom('0', '1', '100', '101', 'csv', 'json', 'Pending', 'sessions')),
    {
      maxKeys: 5,
    },
  );
/** A path id: random, or a real job — Completed, or made just before the request Pending or Cancelled. */
const jobId = fc.oneof(
  fc.uuid(),
  text,
  fc.constantFrom('00000000-0000-4000-8000-000000000000', 'COMPLETED', 'FRESH', 'FRESH_CANCELLED', 'WEBHOOK', 'FRESH_WEBHOOK'),
  fc.constant('WEBHOOK'),
);
const legacyQuery = fc
  .record({
    range: fc.tuple(date, date).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
    format: maybe(fc.oneof({ weight: 4, arbitrary: fc.constantFrom('csv', 'json') }, text)),
    userId: maybe(text),
    columns: maybe(fc.oneof(fc.constantFrom('sessionId,startedAt', 'date,sessions', 'email'), text)),
  })
  .map(({ range: [from, to], ...q }) => ({
    from: from!,
    to: to!,
    ...(Object.fromEntries(Object.entries(q).filter(([, v]) => v !== undefined)) as Record<string, string>),
  }));

/** A webhook endpoint of Acme (inserted directly: the fixture is not under test). */
async function freshWebhook(existing?: string): Promise<string> {
  // The shared one comes back after a DELETE removed it.
  if (existing && (await env.services.webhooks.get(existing))) return existing;
  const id = existing ?? randomUUID();
  await env.services.webhooks.insert({
    id,
    organizationId: ACME,
    url: 'https://hooks.example.com/fuzz',
    description: null,
    secret: 'whsec_fuzz',
    previousSecret: null,
    previousSecretExpiresAt: null,
    createdBy: 'fuzz-admin',
    createdAt: new Date().toISOString(),
    secretRotatedAt: null,
  });
  return id;
}

/** A new job of the fuzz's Admin, Pending or Cancelled. */
async function freshJob(cancelled: boolean): Promise<string> {
  const admin = { userId: 'fuzz-admin', organizationId: ACME, roles: ['Admin'] as const };
  const job = await createExportJob(
    env.services,
    { ...admin, roles: [...admin.roles] },
    { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } },
    silentLogger,
  );
  if (cancelled) await cancelExportJob(env.services, { ...admin, roles: [...admin.roles] }, job.id);
  return job.id;
}

/**
 * Reads a streamed body: a file to its end; an event stream (of a job that may never end here, no
 * worker runs) up to its first event, then hangs up as a client would.
 */
async function drain(body: Readable, contentType: string | undefined): Promise<void> {
  if (!contentType?.startsWith('text/event-stream')) {
    for await (const _ of body) void _;
    return;
  }
  let text = '';
  for await (const chunk of body) {
    text += String(chunk);
    if (/^data: /m.test(text)) break;
  }
  body.destroy();
}

// ---- the property -------------------------------------------------------------------------------
interface Case {
  readonly fn: string;
  readonly method: string;
  readonly template: string;
}
const endpoints: readonly Case[] = [
  { fn: 'createExportJob', method: 'POST', template: '/export-jobs' },
  { fn: 'listExportJobs', method: 'GET', template: '/export-jobs' },
  { fn: 'getExportJob', method: 'GET', template: '/export-jobs/{id}' },
  { fn: 'cancelExportJob', method: 'DELETE', template: '/export-jobs/{id}' },
  { fn: 'retryExportJob', method: 'POST', template: '/export-jobs/{id}/retry' },
  { fn: 'downloadExport', method: 'GET', template: '/export-jobs/{id}/download' },
  { fn: 'downloadExport', method: 'HEAD', template: '/export-jobs/{id}/download' },
  { fn: 'getExportJobAudit', method: 'GET', template: '/export-jobs/{id}/audit' },
  { fn: 'legacySessionsExport', method: 'GET', template: '/dataexport/sessions' },
  { fn: 'legacyUsersExport', method: 'GET', template: '/dataexport/users' },
  { fn: 'legacyAnalyticsExport', method: 'GET', template: '/dataexport/analytics' },
  { fn: 'adminDashboardExport', method: 'GET', template: '/admindashboard/export' },
  { fn: 'openApiDocument', method: 'GET', template: '/openapi.json' },
  { fn: 'exportJobEvents', method: 'GET', template: '/export-jobs/{id}/events' },
  { fn: 'createWebhook', method: 'POST', template: '/webhooks' },
  { fn: 'listWebhooks', method: 'GET', template: '/webhooks' },
  { fn: 'deleteWebhook', method: 'DELETE', template: '/webhooks/{id}' },
  { fn: 'rotateWebhookSecret', method: 'POST', template: '/webhooks/{id}/rotate-secret' },
  { fn: 'listWebhookDeliveries', method: 'GET', template: '/webhooks/{id}/deliveries' },
];
const queryKeys = ['status', 'dataType', 'limit', 'cursor', 'from', 'to', 'format', 'userId', 'columns'];

describe(`input fuzz: ${endpoints.length} endpoints × ${RUNS} runs = ${endpoints.length * RUNS} requests`, () => {
  it.each(endpoints.map((e) => [`${e.method} ${e.template}`, e] as const))(
    '%s: never a 5xx, no job from invalid input, conforms to the document',
    async (_n, e) => {
      const statuses = new Map<number, number>();
      await fc.assert(
        fc.asyncProperty(
          headers,
          body,
          fc.oneof(query(queryKeys), { weight: 2, arbitrary: legacyQuery }, fc.constant({})),
          jobId,
          async (h, b, q, rawId) => {
            const id =
              rawId === 'COMPLETED'
                ? completedId
                : rawId === 'WEBHOOK'
                  ? await freshWebhook(webhookId)
                  : rawId === 'FRESH_WEBHOOK'
                    ? await freshWebhook()
                    : rawId.startsWith('FRESH')
                      ? await freshJob(rawId === 'FRESH_CANCELLED')
                      : rawId;
            const search = new URLSearchParams(q).toString();
            const sent: Record<string, string> = Object.fromEntries(
              Object.entries(h).filter((x): x is [string, string] => x[1] !== undefined),
            );
            const request = new HttpRequest({
              method: e.method,
              url: `http://localhost/api${e.template.replace('{id}', encodeURIComponent(id))}${search ? `?${search}` : ''}`,
              headers: sent,
              params: { id },
              ...(e.method === 'POST' ? { body: { string: b } } : {}),
            });
            const before = await jobCount();
            const res = await definition(e.fn).handler(
              request,
              new InvocationContext({ logHandler: () => undefined }),
              async () => env.services,
            );
            if (res.body instanceof Readable) await drain(res.body, headerOf(res, 'content-type'));
            const status = res.status ?? 200;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const shown = JSON.stringify(res.jsonBody ?? (typeof res.body === 'string' ? res.body : '(stream)')).slice(0, 400);
            expect(status, shown).toBeLessThan(500);
            if (status !== 202) expect(await jobCount(), `${status} ${shown}`).toBe(before);
            expect(conformance.check(e.method, e.template, await responseOf(res)), shown).toEqual([]);
            // No problem repeats more than a short excerpt of what was sent.
            if (typeof res.body === 'string') expect(res.body.length, shown).toBeLessThan(8000);
          },
        ),
        { numRuns: RUNS, seed: 20260701 },
      );
      // The fuzz reaches the handlers' logic, not only the token check: some requests succeed and
      // some are refused for reasons other than authentication.
      const seen = JSON.stringify(Object.fromEntries([...statuses].sort(([a], [b]) => a - b)));
      const count = (keep: (status: number) => boolean) => [...statuses].filter(([s]) => keep(s)).reduce((n, [, c]) => n + c, 0);
      expect(
        count((s) => s < 400),
        seen,
      ).toBeGreaterThan(0);
      if (e.fn !== 'openApiDocument')
        expect(
          count((s) => s >= 400 && s !== 401),
          seen,
        ).toBeGreaterThan(0);
    },
    120_000,
  );
});
