import type { HttpResponseInit } from '@azure/functions';
import type { ErrorCode, ProblemDetail } from '../domain/errors.js';
import { toSafeError, isAppError } from '../domain/errors.js';

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
};

const titles: Partial<Record<number, string>> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  410: 'Gone',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** RFC 9457 problem details; `errors` lists every validation problem. Never a stack or SQL. */
export function problem(e: unknown, instance?: string): HttpResponseInit {
  const safe = toSafeError(e);
  const status = statusOf[safe.code];
  const details: readonly ProblemDetail[] | undefined = isAppError(e) ? e.options.details : undefined;
  const headers: Record<string, string> = { 'Content-Type': 'application/problem+json' };
  if (status === 401) headers['WWW-Authenticate'] = 'Bearer';
  if (status === 503) headers['Retry-After'] = '5';
  return {
    status,
    headers,
    body: JSON.stringify({
      type: `https://portal.example.com/problems/${safe.code.toLowerCase().replace(/_/g, '-')}`,
      title: titles[status] ?? 'Error',
      status,
      code: safe.code,
      detail: safe.message,
      ...(details && details.length ? { errors: details } : {}),
      ...(instance ? { instance } : {}),
    }),
  };
}
