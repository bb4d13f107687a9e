import { z } from 'zod';
import { exportRequestBody } from '../app/exportRequest.js';
import { auditQuerySchema } from '../app/getExportJobAudit.js';
import { legacyDashboardQuerySchema, legacyDatasetQuerySchema } from '../app/legacyExports.js';
import { listQuerySchema } from '../app/listExportJobs.js';
import { dataTypes } from '../domain/datasets.js';
import { GUID_PATTERN } from '../domain/ids.js';
import { formatInfo, formats } from '../domain/formats.js';
import { EXPORT_API_VERSION } from './apiVersion.js';
import { REQUEST_ID_HEADER } from './headers.js';
import { auditPageSchema, auditRecordSchema, jobListSchema, jobResourceSchema } from './jobResource.js';
import { dashboardSummarySchema } from './legacySchemas.js';
import { problemSchema } from './problem.js';
import { deliveriesQuerySchema, experienceComponents, experiencePaths } from './openapiExperience.js';

/**
 * The OpenAPI 3.1 document of the whole HTTP API, generated from the very zod schemas that validate
 * requests and type responses (never written twice): request bodies and query parameters as their
 * input, resources as their output. Served at `GET /api/openapi.json`; a typed client is generated
 * from it, so every route, parameter, body, header and problem response is in it.
 */
type Json = Record<string, unknown>;

/** Schemas published under components/schemas, by name. */
const components = {
  ExportRequest: exportRequestBody,
  ExportJob: jobResourceSchema,
  ExportJobList: jobListSchema,
  AuditRecord: auditRecordSchema,
  AuditPage: auditPageSchema,
  DashboardSummary: dashboardSummarySchema,
  Problem: problemSchema,
  ...experienceComponents,
} as const;

function componentSchemas(): Json {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(components)) registry.add(schema as z.ZodType, { id });
  const generated = z.toJSONSchema(registry, {
    uri: (id) => `#/components/schemas/${id}`,
    unrepresentable: 'any',
    io: 'output',
  }) as { schemas: Record<string, Json> };
  // The request body is described as the client sends it (defaults are optional to send).
  const input = z.toJSONSchema(exportRequestBody, { io: 'input', unrepresentable: 'any' }) as Json;
  generated.schemas.ExportRequest = input;
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const rest = { ...schema };
      delete rest.$schema;
      delete rest.$id;
      return [id, rest];
    }),
  );
}

const ref = (name: keyof typeof components) => ({ $ref: `#/components/schemas/${name}` });

/** Each field of a strict query schema as one query parameter. */
function queryParameters(schema: z.ZodObject): Json[] {
  return Object.entries(schema.shape).map(([name, field]) => {
    const json = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' }) as Json;
    const { description, ...fieldSchema } = json;
    delete fieldSchema.$schema;
    return {
      name,
      in: 'query',
      required: !(field as z.ZodType).safeParse(undefined).success,
      schema: fieldSchema,
      ...(typeof description === 'string' ? { description } : {}),
    };
  });
}

const header = (description: string, schema: Json = { type: 'string' }) => ({ description, schema });

const headers = {
  RequestId: header(
    'The request id: the client’s well-formed X-Request-Id, or one the service made. Also in problem bodies and logs.',
  ),
  Location: header('Where the job is: `/api/export-jobs/{id}`.'),
  RetryAfter: header('Seconds to wait before trying again.', { type: 'integer', minimum: 1 }),
  RateLimitLimit: header('Exports a user may start per window.', { type: 'integer' }),
  RateLimitRemaining: header('Exports the user may still start in the current window.', { type: 'integer' }),
  RateLimitReset: header('Seconds until the window frees a slot.', { type: 'integer' }),
  RateLimitPolicy: header('The rate policy, e.g. `10;w=60`.'),
  IdempotentReplayed: header(
    '`true` when the answer is the job an earlier request (same Idempotency-Key, or a running retry) created.',
  ),
  Allow: header('The methods the resource supports.'),
  Deprecation: header('RFC 9745: this endpoint is deprecated (since the date given).'),
  Link: header('The successor: `</api/export-jobs>; rel="successor-version"`.'),
  ContentDisposition: header('`attachment; filename="…"`.'),
  ETag: header('Strong validator: the file’s sha256, quoted.'),
  AcceptRanges: header('`bytes`: one Range per request is served.'),
  ContentRange: header('The range served (`bytes 0-99/1234`), or on 416 the size (`bytes */1234`).'),
  ReprDigest: header('RFC 9530 digest of the whole file: `sha-256=:…:`.'),
  WwwAuthenticate: header('`Bearer`.'),
} as const;
const h = (name: keyof typeof headers) => ({ $ref: `#/components/headers/${name}` });

const rateLimited = {
  'RateLimit-Limit': h('RateLimitLimit'),
  'RateLimit-Remaining': h('RateLimitRemaining'),
  'RateLimit-Reset': h('RateLimitReset'),
  'RateLimit-Policy': h('RateLimitPolicy'),
};

const problemText: Record<number, string> = {
  400: 'Invalid request: every problem listed in `errors`.',
  401: 'No valid bearer token.',
  403: 'The caller’s role may not do this.',
  404: 'No such job — or one the caller may not see, or a malformed id (indistinguishable).',
  405: 'Method not allowed (see Allow).',
  409: 'The job is not in a state that allows this.',
  410: 'The file expired and was deleted.',
  413: 'Too large (body over 64 KiB; legacy: over the synchronous row cap, with `successor`).',
  415: 'The body is not application/json.',
  416: 'The range is outside the file.',
  422: 'Understood but refused: over a row cap, or an Idempotency-Key reused with another request.',
  429: 'Rate limit or quota reached: wait Retry-After seconds.',
  500: 'Unexpected error (generic; no internals).',
  503: 'A dependency is temporarily unavailable: retry after Retry-After seconds.',
};

function problems(...statuses: number[]): Json {
  return Object.fromEntries(
    [...statuses, 500, 503].map((status) => [
      String(status),
      {
        description: problemText[status] ?? 'Problem.',
        headers: {
          [REQUEST_ID_HEADER]: h('RequestId'),
          ...(status === 401 ? { 'WWW-Authenticate': h('WwwAuthenticate') } : {}),
          ...(status === 429 || status === 503 ? { 'Retry-After': h('RetryAfter') } : {}),
          ...(status === 429 ? rateLimited : {}),
          ...(status === 416 ? { 'Content-Range': h('ContentRange') } : {}),
        },
        content: { 'application/problem+json': { schema: ref('Problem') } },
      },
    ]),
  );
}

const ok = (description: string, schema: Json, extra: Json = {}) => ({
  description,
  headers: { [REQUEST_ID_HEADER]: h('RequestId'), ...extra },
  content: { 'application/json': { schema } },
});

const binary = { type: 'string', format: 'binary' };
const fileContent = Object.fromEntries(
  [...new Set([...formats.map((f) => formatInfo[f].contentType), 'application/gzip'])].map((t) => [t, { schema: binary }]),
);

const common = [{ $ref: '#/components/parameters/RequestId' }];
const jobId = { $ref: '#/components/parameters/JobId' };
const idempotencyKey = { $ref: '#/components/parameters/IdempotencyKey' };
const accepted = ok('Accepted: the job (Pending), or the earlier one on a replay.', ref('ExportJob'), {
  Location: h('Location'),
  'Idempotent-Replayed': h('IdempotentReplayed'),
  ...rateLimited,
});

function downloadOperation(method: 'get' | 'head'): Json {
  const file = {
    headers: {
      [REQUEST_ID_HEADER]: h('RequestId'),
      'Content-Disposition': h('ContentDisposition'),
      ETag: h('ETag'),
      'Accept-Ranges': h('AcceptRanges'),
      'Repr-Digest': h('ReprDigest'),
    },
    ...(method === 'get' ? { content: fileContent } : {}),
  };
  return {
    operationId: method === 'get' ? 'downloadExport' : 'headExport',
    summary: method === 'get' ? 'Download the file (one Range at most)' : 'The download’s headers, no body',
    tags: ['export-jobs'],
    parameters: [
      ...common,
      jobId,
      {
        name: 'Range',
        in: 'header',
        required: false,
        schema: { type: 'string', examples: ['bytes=0-1023'] },
        description: 'One byte range; several are ignored (200).',
      },
      {
        name: 'If-Range',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: 'Serve the range only if the ETag still matches.',
      },
      {
        name: 'If-None-Match',
        in: 'header',
        required: false,
        schema: { type: 'string' },
        description: '304 when it names the current ETag.',
      },
    ],
    responses: {
      '200': { description: 'The whole file.', ...file },
      '206': { description: 'One range of the file.', ...file, headers: { ...file.headers, 'Content-Range': h('ContentRange') } },
      '303': {
        description:
          'Files over EXPORT_DOWNLOAD_REDIRECT_BYTES: fetch them from the fresh read-only SAS URL in Location (no token).',
        headers: { [REQUEST_ID_HEADER]: h('RequestId'), Location: h('Location'), ETag: h('ETag') },
      },
      '304': { description: 'Not modified (If-None-Match).', headers: { [REQUEST_ID_HEADER]: h('RequestId'), ETag: h('ETag') } },
      ...problems(401, 403, 404, 409, 410, 416),
    },
  };
}

function legacyDataset(dataType: string): Json {
  return {
    get: {
      operationId: `legacyExport${dataType[0]!.toUpperCase()}${dataType.slice(1)}`,
      summary: `Legacy: download ${dataType} synchronously`,
      description:
        'Deprecated: use POST /api/export-jobs. Admins and SuperAdmins; the caller’s organization; at most EXPORT_SYNC_ROW_CAP rows (counted first) — above it 413 with the equivalent export-job request in `successor`.',
      deprecated: true,
      tags: ['legacy'],
      parameters: [...common, ...queryParameters(legacyDatasetQuerySchema)],
      responses: {
        '200': {
          description: 'The rows, as CSV or JSON.',
          headers: {
            [REQUEST_ID_HEADER]: h('RequestId'),
            'Content-Disposition': h('ContentDisposition'),
            Deprecation: h('Deprecation'),
            Link: h('Link'),
            ...rateLimited,
          },
          content: {
            'text/csv; charset=utf-8': { schema: binary },
            'application/json': { schema: { type: 'array', items: { type: 'object' } } },
          },
        },
        ...problems(400, 401, 403, 413, 429),
      },
    },
  };
}

function buildDocument(): Json {
  return {
    openapi: '3.1.0',
    info: {
      title: 'Portal Export Service',
      version: EXPORT_API_VERSION,
      description:
        'Asynchronous exports of one organization’s sessions, users or analytics. Every response carries X-Request-Id; every error is application/problem+json (RFC 9457). This document itself needs no token.',
    },
    servers: [{ url: '/api' }],
    security: [{ bearer: [] }],
    tags: [
      { name: 'export-jobs' },
      { name: 'webhooks', description: 'Signed completion events pushed to the organization’s endpoints.' },
      { name: 'legacy', description: 'Deprecated synchronous endpoints.' },
      { name: 'meta' },
    ],
    paths: {
      '/export-jobs': {
        post: {
          operationId: 'createExportJob',
          summary: 'Create an export job',
          tags: ['export-jobs'],
          parameters: [...common, idempotencyKey],
          requestBody: { required: true, content: { 'application/json': { schema: ref('ExportRequest') } } },
          responses: { '202': accepted, ...problems(400, 401, 403, 413, 415, 422, 429) },
        },
        get: {
          operationId: 'listExportJobs',
          summary: 'The caller’s jobs, newest first',
          tags: ['export-jobs'],
          parameters: [...common, ...queryParameters(listQuerySchema)],
          responses: { '200': ok('A page of jobs.', ref('ExportJobList')), ...problems(400, 401, 403) },
        },
      },
      '/export-jobs/{id}': {
        get: {
          operationId: 'getExportJob',
          summary: 'One job; a fresh downloadUrl once Completed',
          tags: ['export-jobs'],
          parameters: [...common, jobId],
          responses: { '200': ok('The job.', ref('ExportJob')), ...problems(401, 403, 404) },
        },
        delete: {
          operationId: 'cancelExportJob',
          summary: 'Cancel a Pending or Processing job',
          tags: ['export-jobs'],
          parameters: [...common, jobId],
          responses: { '200': ok('The job, Cancelled.', ref('ExportJob')), ...problems(401, 403, 404, 409) },
        },
      },
      '/export-jobs/{id}/retry': {
        post: {
          operationId: 'retryExportJob',
          summary: 'Run a Failed, Cancelled or Expired job again as a new job',
          tags: ['export-jobs'],
          parameters: [...common, jobId, idempotencyKey],
          responses: { '202': accepted, ...problems(400, 401, 403, 404, 409, 422, 429) },
        },
      },
      '/export-jobs/{id}/download': { get: downloadOperation('get'), head: downloadOperation('head') },
      '/export-jobs/{id}/audit': {
        get: {
          operationId: 'getExportJobAudit',
          summary: 'The job’s audit trail, oldest first (Admins of its organization, SuperAdmins)',
          tags: ['export-jobs'],
          parameters: [...common, jobId, ...queryParameters(auditQuerySchema)],
          responses: { '200': ok('A page of audit records.', ref('AuditPage')), ...problems(400, 401, 403, 404) },
        },
      },
      ...Object.fromEntries(dataTypes.map((d) => [`/dataexport/${d}`, legacyDataset(d)])),
      '/admindashboard/export': {
        get: {
          operationId: 'legacyDashboardExport',
          summary: 'Legacy: the organization’s dashboard summary',
          description: 'Deprecated: build it from the analytics export. Admins and SuperAdmins; the caller’s organization.',
          deprecated: true,
          tags: ['legacy'],
          parameters: [...common, ...queryParameters(legacyDashboardQuerySchema)],
          responses: {
            '200': {
              description: 'The summary as JSON, or as CSV (section, name, value).',
              headers: { [REQUEST_ID_HEADER]: h('RequestId'), Deprecation: h('Deprecation'), Link: h('Link'), ...rateLimited },
              content: { 'application/json': { schema: ref('DashboardSummary') }, 'text/csv; charset=utf-8': { schema: binary } },
            },
            ...problems(400, 401, 403, 429),
          },
        },
      },
      ...experiencePaths({
        problems,
        ok,
        h: (name) => h(name as keyof typeof headers),
        ref: (name) => ({ $ref: `#/components/schemas/${name}` }),
        common,
        jobId,
        deliveriesQuery: queryParameters(deliveriesQuerySchema),
      }),
      '/openapi.json': {
        get: {
          operationId: 'getOpenApiDocument',
          summary: 'This document (no token needed)',
          tags: ['meta'],
          security: [],
          parameters: common,
          responses: { '200': ok('The OpenAPI 3.1 document.', { type: 'object' }) },
        },
      },
    },
    components: {
      schemas: componentSchemas(),
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description:
            'A JWT with `sub`, `org` (a GUID) and `roles` (SuperAdmin, Admin, Manager): Entra ID in Azure, HS256 locally.',
        },
      },
      parameters: {
        JobId: {
          name: 'id',
          in: 'path',
          required: true,
          schema: { type: 'string', pattern: GUID_PATTERN },
          description: 'Job id (a GUID).',
        },
        RequestId: {
          name: REQUEST_ID_HEADER,
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$' },
          description: 'A request id to correlate by; echoed on the response (an ill-formed one is replaced).',
        },
        IdempotencyKey: {
          name: 'Idempotency-Key',
          in: 'header',
          required: false,
          schema: { type: 'string', pattern: '^[\\x21-\\x7e]{1,255}$' },
          description: 'Within 24 h the same key and request return the original job; the same key with another request is 422.',
        },
      },
      headers,
    },
  };
}

let built: Json | undefined;
/** The document (built once per process). */
export const openApiDocument = (): Json => (built ??= buildDocument());
