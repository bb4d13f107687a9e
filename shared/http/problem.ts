import type { HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import type { ErrorCode, ProblemDetail } from '../domain/errors.js';
import { toSafeError, isAppError } from '../domain/errors.js';
import { rateLimitHeaders } from './headers.js';

/** The one table from error code to HTTP status. */
export const statusOf: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_FAILED: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  JOB_NOT_COMPLETED: 409,
  JOB_NOT_CANCELLABLE: 409,
  JOB_NOT_RETRYABLE: 409,
  JOB_EXPIRED: 410,
  FILE_REGENERATING: 503,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  ROW_CAP_EXCEEDED: 422,
  STORAGE_UNAVAILABLE: 503,
  DATABASE_UNAVAILABLE: 503,
  QUEUE_UNAVAILABLE: 503,
  AUTH_UNAVAILABLE: 503,
  SERVICE_UNAVAILABLE: 503,
  LEASE_LOST: 409,
  DEAD_LETTERED: 500,
  ATTEMPTS_EXHAUSTED: 500,
  EXPORT_FAILED: 500,
  INTERNAL: 500,
  RATE_LIMITED: 429,
  QUOTA_EXCEEDED: 429,
  IDEMPOTENCY_KEY_REUSED: 422,
  DUPLICATE: 409,
  RANGE_NOT_SATISFIABLE: 416,
  SYNC_EXPORT_TOO_LARGE: 413,
  REQUEST_TIMEOUT: 408,
  WEBHOOK_TARGET_REFUSED: 422,
  WEBHOOK_UNREACHABLE: 503,
  WEBHOOK_LIMIT_REACHED: 409,
};

const titles: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  409: 'Conflict',
  410: 'Gone',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  416: 'Range Not Satisfiable',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Longest `detail` a problem carries; messages are ours, but some quote a short excerpt of input. */
const MAX_DETAIL_CHARS = 500;

/** The problem body (RFC 9457) — also its schema in the OpenAPI document. */
export const problemSchema = z
  .object({
    type: z.string().meta({ description: 'A URI naming the kind of problem.' }),
    title: z.string(),
    status: z.number().int().min(400).max(599),
    code: z.string().meta({ description: 'Stable machine-readable code, e.g. VALIDATION_FAILED, RATE_LIMITED.' }),
    detail: z.string().max(MAX_DETAIL_CHARS),
    errors: z
      .array(z.object({ field: z.string(), message: z.string() }))
      .optional()
      .meta({ description: 'Every validation problem (at most 20), each naming its field.' }),
    instance: z.string().optional().meta({ description: 'The request path.' }),
    requestId: z.string().optional().meta({ description: 'The request id, as in the X-Request-Id header.' }),
    successor: z
      .object({ method: z.literal('POST'), href: z.string(), body: z.record(z.string(), z.unknown()) })
      .optional()
      .meta({ description: 'On a legacy 413: the export-job request that produces the same file.' }),
  })
  .meta({ description: 'RFC 9457 problem details. Never carries a stack trace or SQL.' });

/** RFC 9457 problem details; `errors` lists every validation problem. Never a stack or SQL. */
export function problem(e: unknown, instance?: string, requestId?: string): HttpResponseInit {
  const safe = toSafeError(e);
  const status = statusOf[safe.code];
  const options = isAppError(e) ? e.options : undefined;
  const details: readonly ProblemDetail[] | undefined = options?.details;
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (status === 503) headers['Retry-After'] = '5';
  if (options?.retryAfterSeconds !== undefined)
    headers['Retry-After'] = String(Math.max(1, Math.ceil(options.retryAfterSeconds)));
  if (options?.rateLimit) Object.assign(headers, rateLimitHeaders(options.rateLimit));
  const detail = safe.message.length > MAX_DETAIL_CHARS ? `${safe.message.slice(0, MAX_DETAIL_CHARS - 1)}…` : safe.message;
  return {
    status,
    headers,
    body: JSON.stringify({
      type: `https://portal.example.com/problems/${safe.code.toLowerCase().replace(/_/g, '-')}`,
      // Stryker disable next-line StringLiteral: unreachable — every status of statusOf has a title (both pinned in test/shared/http/problem.test.ts)
      title: titles[status] ?? 'Error',
      status,
      code: safe.code,
      detail,
      ...(details && details.length ? { errors: details } : {}),
      ...(instance ? { instance: instance.slice(0, 200) } : {}),
      ...(requestId ? { requestId } : {}),
      ...options?.extensions,
    }),
  };
}
