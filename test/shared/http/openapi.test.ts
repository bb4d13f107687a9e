import { HttpRequest, InvocationContext } from '@azure/functions';
import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../../functions/definitions.js';
import { openApiDocumentFunction } from '../../../functions/openApiDocument.js';
import type { HttpFunctionDefinition } from '../../../shared/host/functionDefinition.js';
import { openApiDocument } from '../../../shared/http/openapi.js';
import { fakeServices } from '../../fakes/fakeServices.js';
import { openApiConformance, responseOf } from '../../support/openApiConformance.js';

const doc = openApiDocument() as Record<string, any>;
const http = functionDefinitions.filter((d): d is HttpFunctionDefinition => d.kind === 'http');

describe('the OpenAPI 3.1 document', () => {
  it('is valid OpenAPI 3.1 for an independent validator', async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(doc));
    expect(result.errors ?? [], JSON.stringify(result.errors)).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe('3.1');
  });

  it('fails that validator when broken (the check can fail)', async () => {
    const broken = structuredClone(doc);
    broken.paths['/export-jobs'].post.responses['202'] = { content: {} }; // a response needs a description
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it('describes every route and method of the route table, and nothing else', () => {
    const routes = http.flatMap((d) => d.methods.map((m) => `${m} /${d.route.replace(/\{(\w+)\}/g, '{$1}')}`)).sort();
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    expect(documented).toEqual(routes);
  });

  it('documents the bearer scheme, the request id on every response, problems as RFC 9457, and the legacy endpoints as deprecated', () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' });
    expect(doc.security).toEqual([{ bearer: [] }]);
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.operationId, `${method} ${path}`).toBeTruthy();
        expect(op.parameters.some((p: { $ref?: string }) => p.$ref === '#/components/parameters/RequestId')).toBe(true);
        for (const [status, response] of Object.entries(op.responses as Record<string, any>)) {
          expect(response.headers?.['X-Request-Id'], `${method} ${path} ${status}`).toBeDefined();
          if (Number(status) >= 400) {
            expect(response.content['application/problem+json'].schema).toEqual({ $ref: '#/components/schemas/Problem' });
          }
        }
        if (path.startsWith('/dataexport/') || path === '/admindashboard/export') expect(op.deprecated).toBe(true);
      }
    }
    expect(doc.paths['/openapi.json'].get.security).toEqual([]);
    expect(doc.paths['/export-jobs'].post.responses['202'].headers).toMatchObject({
      Location: expect.anything(),
      'RateLimit-Remaining': expect.anything(),
    });
    expect(doc.paths['/export-jobs'].post.responses['429'].headers).toMatchObject({ 'Retry-After': expect.anything() });
    expect(Object.keys(doc.paths['/export-jobs/{id}/download'].get.responses).sort()).toEqual(
      ['200', '206', '303', '304', '401', '403', '404', '409', '410', '416', '500', '503'].sort(),
    );
  });

  it('takes its schemas from the zod schemas: the request body, the job, the query parameters', () => {
    const body = doc.components.schemas.ExportRequest;
    expect(body.required.sort()).toEqual(['dataType', 'dateRange', 'format']);
    expect(body.properties.format.enum).toEqual(['csv', 'json', 'ndjson', 'excel', 'pdf']);
    expect(body.additionalProperties).toBe(false);
    expect(body.properties.dateRange.properties.from).toMatchObject({ type: 'string', format: 'date' });
    const job = doc.components.schemas.ExportJob;
    expect(job.properties.status.enum).toEqual(['Pending', 'Processing', 'Completed', 'Failed', 'Cancelled', 'Expired']);
    const limit = doc.paths['/export-jobs'].get.parameters.find((p: { name?: string }) => p.name === 'limit');
    expect(limit).toMatchObject({ in: 'query', required: false, schema: { type: 'integer', minimum: 1, maximum: 100 } });
    const from = doc.paths['/dataexport/sessions'].get.parameters.find((p: { name?: string }) => p.name === 'from');
    expect(from).toMatchObject({ in: 'query', required: true });
  });

  it('is served without a token at GET /api/openapi.json, and that response conforms to it', async () => {
    const res = await openApiDocumentFunction.handler(
      new HttpRequest({ method: 'GET', url: 'http://localhost/api/openapi.json' }),
      new InvocationContext({ logHandler: () => undefined }),
      async () => fakeServices(),
    );
    expect(res.status).toBe(200);
    expect(res.jsonBody).toEqual(doc);
    const headers = res.headers as Record<string, string>;
    expect(headers['X-Request-Id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(openApiConformance().check('GET', '/openapi.json', await responseOf(res))).toEqual([]);
  });
});
