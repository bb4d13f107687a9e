import type { HttpResponseInit } from '@azure/functions';
import { adminDashboardExport, legacyDatasetExport } from '../app/legacyExports.js';
import type { DataType } from '../domain/datasets.js';
import { isAppError } from '../domain/errors.js';
import { rateLimitHeaders } from '../http/headers.js';
import { problem } from '../http/problem.js';
import type { HttpFunctionDefinition } from './functionDefinition.js';
import { httpFunction, json, type HttpCall } from './httpFunction.js';

/** When the legacy endpoints were deprecated (RFC 9745 `Deprecation`: a structured-field date). */
export const LEGACY_DEPRECATED_AT = '@1782864000'; // 2026-07-01T00:00:00Z

/** What every legacy response says, errors included: deprecated, and what replaces it. */
export const legacyHeaders: Readonly<Record<string, string>> = {
  Deprecation: LEGACY_DEPRECATED_AT,
  Link: '</api/export-jobs>; rel="successor-version"',
};

/** Runs a legacy handler; its client-error problems carry the legacy headers too (the frame maps the rest). */
async function legacy(call: HttpCall, run: () => Promise<HttpResponseInit>): Promise<HttpResponseInit> {
  try {
    const response = await run();
    return { ...response, headers: { ...(response.headers as Record<string, string>), ...legacyHeaders } };
  } catch (e) {
    if (!isAppError(e) || e.code === 'INTERNAL' || e.code === 'SERVICE_UNAVAILABLE') throw e;
    const answer = problem(e, new URL(call.request.url).pathname, call.requestId);
    return { ...answer, headers: { ...(answer.headers as Record<string, string>), ...legacyHeaders } };
  }
}

const queryOf = (call: HttpCall) => Object.fromEntries(call.request.query.entries());

/** `GET /api/dataexport/<dataset>`: one legacy synchronous download (functions/legacy*Export.ts). */
export function legacyDatasetFunction(name: string, dataType: DataType): HttpFunctionDefinition {
  return httpFunction({
    name,
    methods: ['GET'],
    route: `dataexport/${dataType}`,
    run: (call) =>
      legacy(call, async () => {
        const file = await legacyDatasetExport(call.services, call.principal, dataType, queryOf(call), call.origin);
        return {
          status: 200,
          body: file.stream,
          headers: {
            'Content-Type': file.contentType,
            'Content-Disposition': `attachment; filename="${file.fileName}"`,
            ...rateLimitHeaders(file.rateLimit),
          },
        };
      }),
  });
}

/** `GET /api/admindashboard/export`: the organization's dashboard summary, JSON or CSV. */
export function legacyDashboardFunction(name: string): HttpFunctionDefinition {
  return httpFunction({
    name,
    methods: ['GET'],
    route: 'admindashboard/export',
    run: (call) =>
      legacy(call, async () => {
        const result = await adminDashboardExport(call.services, call.principal, queryOf(call), call.origin);
        const limits = rateLimitHeaders(result.rateLimit);
        if (result.format === 'json') return json(200, result.summary, limits);
        return {
          status: 200,
          body: result.csv,
          headers: {
            'Content-Type': 'text/csv; charset=utf-8',
            'Content-Disposition': `attachment; filename="${result.fileName}"`,
            ...limits,
          },
        };
      }),
  });
}
