import { HttpRequest, InvocationContext } from '@azure/functions';
import { Readable } from 'node:stream';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { openApiConformance, responseOf } from '../support/openApiConformance.js';
import { ACME, GLOBEX, TEST_SECRET, testEnv, type TestEnv } from '../support/testServices.js';

/**
 * The authorization matrix, generated from ONE table: every endpoint (legacy included) × every kind
 * of caller → the status it must get. The job each endpoint acts on was created by a Manager of
 * Acme ("creator"); each case that changes state gets its own fresh job. Every response is also
 * checked against the OpenAPI document.
 */
type Caller =
  | 'creator'
  | 'sameOrgAdmin'
  | 'sameOrgManager'
  | 'superAdminSameOrg'
  | 'superAdminOtherOrg'
  | 'otherOrgAdmin'
  | 'noRole'
  | 'noToken'
  | 'forged'
  | 'expired'
  | 'wrongIssuer';
const callers: readonly Caller[] = [
  'creator',
  'sameOrgAdmin',
  'sameOrgManager',
  'superAdminSameOrg',
  'superAdminOtherOrg',
  'otherOrgAdmin',
  'noRole',
  'noToken',
  'forged',
  'expired',
  'wrongIssuer',
];

/** What the job must be before the call. */
type Fixture = 'none' | 'pending' | 'completed' | 'cancelled' | 'webhook';
interface Endpoint {
  readonly fn: string;
  readonly method: string;
  /** OpenAPI path template. */
  readonly template: string;
  readonly fixture: Fixture;
  readonly query?: string;
  readonly body?: unknown;
  /** The status each caller gets, in the order of `callers`. */
  readonly expect: readonly number[];
}

const body = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } };
const range = '?from=2026-01-01&to=2026-01-31';
//                 creator admin mgr  superA superB otherAdmin noRole noToken forged expired wrongIss
const seeJob = [200, 200, 404, 200, 200, 404, 403, 401, 401, 401, 401];
const legacy = [403, 200, 403, 200, 200, 200, 403, 401, 401, 401, 401];
/** An endpoint of Acme's: its Admins and SuperAdmins of Acme; another organization's callers see nothing. */
const acmeWebhook = (ok: number) => [403, ok, 403, ok, 404, 404, 403, 401, 401, 401, 401];
const webhookBody = { url: 'https://hooks.example.com/portal-export' };
const table: Readonly<Record<string, Endpoint>> = {
  'create (own organization)': {
    fn: 'createExportJob',
    method: 'POST',
    template: '/export-jobs',
    fixture: 'none',
    body,
    expect: [202, 202, 202, 202, 202, 202, 403, 401, 401, 401, 401],
  },
  'create (exports Acme)': {
    fn: 'createExportJob',
    method: 'POST',
    template: '/export-jobs',
    fixture: 'none',
    body: { ...body, filters: { organizationId: ACME } },
    expect: [202, 202, 202, 202, 202, 403, 403, 401, 401, 401, 401],
  },
  list: {
    fn: 'listExportJobs',
    method: 'GET',
    template: '/export-jobs',
    fixture: 'pending',
    expect: [200, 200, 200, 200, 200, 200, 403, 401, 401, 401, 401],
  },
  get: { fn: 'getExportJob', method: 'GET', template: '/export-jobs/{id}', fixture: 'completed', expect: seeJob },
  download: { fn: 'downloadExport', method: 'GET', template: '/export-jobs/{id}/download', fixture: 'completed', expect: seeJob },
  'download (HEAD)': {
    fn: 'downloadExport',
    method: 'HEAD',
    template: '/export-jobs/{id}/download',
    fixture: 'completed',
    expect: seeJob,
  },
  cancel: { fn: 'cancelExportJob', method: 'DELETE', template: '/export-jobs/{id}', fixture: 'pending', expect: seeJob },
  retry: {
    fn: 'retryExportJob',
    method: 'POST',
    template: '/export-jobs/{id}/retry',
    fixture: 'cancelled',
    expect: seeJob.map((s) => (s === 200 ? 202 : s)),
  },
  audit: {
    fn: 'getExportJobAudit',
    method: 'GET',
    template: '/export-jobs/{id}/audit',
    fixture: 'completed',
    expect: [403, 200, 403, 200, 200, 404, 403, 401, 401, 401, 401],
  },
  events: { fn: 'exportJobEvents', method: 'GET', template: '/export-jobs/{id}/events', fixture: 'completed', expect: seeJob },
  'webhooks: register': {
    fn: 'createWebhook',
    method: 'POST',
    template: '/webhooks',
    fixture: 'none',
    body: webhookBody,
    // Each Admin registers for their own organization (Globex's callers register Globex's).
    expect: [403, 201, 403, 201, 201, 201, 403, 401, 401, 401, 401],
  },
  'webhooks: list': {
    fn: 'listWebhooks',
    method: 'GET',
    template: '/webhooks',
    fixture: 'webhook',
    expect: [403, 200, 403, 200, 200, 200, 403, 401, 401, 401, 401],
  },
  'webhooks: remove': {
    fn: 'deleteWebhook',
    method: 'DELETE',
    template: '/webhooks/{id}',
    fixture: 'webhook',
    expect: acmeWebhook(204),
  },
  'webhooks: rotate secret': {
    fn: 'rotateWebhookSecret',
    method: 'POST',
    template: '/webhooks/{id}/rotate-secret',
    fixture: 'webhook',
    expect: acmeWebhook(200),
  },
  'webhooks: delivery log': {
    fn: 'listWebhookDeliveries',
    method: 'GET',
    template: '/webhooks/{id}/deliveries',
    fixture: 'webhook',
    expect: acmeWebhook(200),
  },
  'legacy sessions': {
    fn: 'legacySessionsExport',
    method: 'GET',
    template: '/dataexport/sessions',
    fixture: 'none',
    query: range,
    expect: legacy,
  },
  'legacy users': {
    fn: 'legacyUsersExport',
    method: 'GET',
    template: '/dataexport/users',
    fixture: 'none',
    query: range,
    expect: legacy,
  },
  'legacy analytics': {
    fn: 'legacyAnalyticsExport',
    method: 'GET',
    template: '/dataexport/analytics',
    fixture: 'none',
    query: range,
    expect: legacy,
  },
  'legacy dashboard': {
    fn: 'adminDashboardExport',
    method: 'GET',
    template: '/admindashboard/export',
    fixture: 'none',
    query: range,
    expect: legacy,
  },
  'OpenAPI document': {
    fn: 'openApiDocument',
    method: 'GET',
    template: '/openapi.json',
    fixture: 'none',
    expect: callers.map(() => 200),
  },
};

let env: TestEnv;
const conformance = openApiConformance();
const definition = (name: string) =>
  functionDefinitions.find((d): d is HttpFunctionDefinition => d.kind === 'http' && d.name === name)!;

function tokenOf(caller: Caller): string | undefined {
  const sign = (sub: string, org: string, roles: string[], o: { secret?: string; issuer?: string; now?: Date } = {}) =>
    signHs256(
      { sub, org, roles },
      {
        secret: o.secret ?? TEST_SECRET,
        issuer: o.issuer ?? 'portal-export-local',
        audience: 'portal-export',
        now: o.now ?? new Date(),
      },
    );
  switch (caller) {
    case 'creator':
      return sign('creator', ACME, ['Manager']);
    case 'sameOrgAdmin':
      return sign('acme-admin', ACME, ['Admin']);
    case 'sameOrgManager':
      return sign('acme-manager-2', ACME, ['Manager']);
    case 'superAdminSameOrg':
      return sign('root-acme', ACME, ['SuperAdmin']);
    case 'superAdminOtherOrg':
      return sign('root-globex', GLOBEX, ['SuperAdmin']);
    case 'otherOrgAdmin':
      return sign('globex-admin', GLOBEX, ['Admin']);
    case 'noRole':
      return sign('creator', ACME, ['Reader']);
    case 'noToken':
      return undefined;
    case 'forged':
      return sign('creator', ACME, ['Manager'], { secret: 'another-secret-0123456789-0123456789' });
    case 'expired':
      return sign('creator', ACME, ['Manager'], { now: new Date(Date.now() - 9 * 3600_000) });
    case 'wrongIssuer':
      return sign('creator', ACME, ['Manager'], { issuer: 'someone-else' });
  }
}

async function call(e: Endpoint, token: string | undefined, id: string) {
  const path = e.template.replace('{id}', id);
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  if (e.body) headers['content-type'] = 'application/json';
  const request = new HttpRequest({
    method: e.method,
    url: `http://localhost/api${path}${e.query ?? ''}`,
    headers,
    params: { id },
    ...(e.body ? { body: { string: JSON.stringify(e.body) } } : {}),
  });
  return definition(e.fn).handler(request, new InvocationContext({ logHandler: () => undefined }), () =>
    Promise.resolve(env.services),
  );
}

async function fixture(kind: Fixture): Promise<string> {
  if (kind === 'none') return '00000000-0000-4000-8000-000000000000';
  if (kind === 'webhook') {
    // Inserted directly: the fixture is not what is tested, and a store has no per-organization limit.
    const id = randomUUID();
    await env.services.webhooks.insert({
      id,
      organizationId: ACME,
      url: webhookBody.url,
      description: null,
      secret: 'whsec_matrix',
      previousSecret: null,
      previousSecretExpiresAt: null,
      createdBy: 'acme-admin',
      createdAt: new Date().toISOString(),
      secretRotatedAt: null,
    });
    return id;
  }
  const created = await call(table['create (own organization)']!, tokenOf('creator'), '');
  const id = (created.jsonBody as { id: string }).id;
  if (kind === 'completed') expect(await processExport(env.services, { jobId: id, attempt: 1 }, silentLogger)).toBe('completed');
  if (kind === 'cancelled') expect((await call(table.cancel!, tokenOf('creator'), id)).status).toBe(200);
  return id;
}

beforeAll(async () => {
  env = await testEnv();
});
afterAll(async () => {
  await env.cleanup();
});

describe(`authorization matrix: ${Object.keys(table).length} endpoints × ${callers.length} callers = ${Object.keys(table).length * callers.length} cases`, () => {
  const completed = new Map<Fixture, Promise<string>>();
  for (const [name, e] of Object.entries(table)) {
    it.each(callers.map((c, i) => [c, e.expect[i]!] as const))(`${name} — %s → %i`, async (caller, status) => {
      // Read-only cases share one Completed job; a case that changes state gets its own.
      const shared = e.fixture === 'completed' && e.method !== 'POST';
      const id = shared
        ? await (completed.get('completed') ?? completed.set('completed', fixture('completed')).get('completed')!)
        : await fixture(e.fixture);
      const res = await call(e, tokenOf(caller), id);
      const shown = res.jsonBody ?? (typeof res.body === 'string' ? res.body : '(stream)');
      if (res.body instanceof Readable) for await (const _ of res.body) void _; // drain the file
      expect(res.status, JSON.stringify(shown)).toBe(status);
      expect(conformance.check(e.method, e.template, await responseOf(res))).toEqual([]);
      if (name === 'list' && status === 200) {
        // Visibility in lists follows the same rules: the creator, Admins and SuperAdmins of Acme see the job.
        const listed = (res.jsonBody as { items: { id: string }[] }).items.some((j) => j.id === id);
        expect(listed).toBe(['creator', 'sameOrgAdmin', 'superAdminSameOrg'].includes(caller));
      }
    });
  }
});
