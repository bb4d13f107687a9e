import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/domain/errors.js';
import { problem, problemSchema, statusOf } from '../../../shared/http/problem.js';

const bodyOf = (r: ReturnType<typeof problem>) => JSON.parse(r.body as string) as Record<string, unknown>;
const headersOf = (r: ReturnType<typeof problem>) => r.headers as Record<string, string>;

describe('statusOf: the one code→status table, written out', () => {
  it('maps every code to its status', () => {
    expect(statusOf).toEqual({
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
    });
  });
});

describe('problem', () => {
  it.each([
    ['VALIDATION_FAILED', 400, 'Bad Request'],
    ['UNAUTHENTICATED', 401, 'Unauthorized'],
    ['FORBIDDEN', 403, 'Forbidden'],
    ['NOT_FOUND', 404, 'Not Found'],
    ['METHOD_NOT_ALLOWED', 405, 'Method Not Allowed'],
    ['REQUEST_TIMEOUT', 408, 'Request Timeout'],
    ['DUPLICATE', 409, 'Conflict'],
    ['JOB_EXPIRED', 410, 'Gone'],
    ['PAYLOAD_TOO_LARGE', 413, 'Content Too Large'],
    ['UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported Media Type'],
    ['RANGE_NOT_SATISFIABLE', 416, 'Range Not Satisfiable'],
    ['ROW_CAP_EXCEEDED', 422, 'Unprocessable Content'],
    ['RATE_LIMITED', 429, 'Too Many Requests'],
    ['INTERNAL', 500, 'Internal Server Error'],
    ['STORAGE_UNAVAILABLE', 503, 'Service Unavailable'],
  ] as const)('%s → %i %s', (code, status, title) => {
    const r = problem(new AppError(code, 'Something.'));
    expect(r.status).toBe(status);
    expect(bodyOf(r)).toMatchObject({ status, title, code, detail: 'Something.' });
    expect(headersOf(r)['Content-Type']).toBe('application/problem+json');
  });

  it('a whole body, literally: type URI from the code, instance and request id', () => {
    const r = problem(new AppError('JOB_NOT_CANCELLABLE', 'The job has ended.'), '/api/export-jobs/1/cancel', 'req-1');
    expect(bodyOf(r)).toEqual({
      type: 'https://portal.example.com/problems/job-not-cancellable',
      title: 'Conflict',
      status: 409,
      code: 'JOB_NOT_CANCELLABLE',
      detail: 'The job has ended.',
      instance: '/api/export-jobs/1/cancel',
      requestId: 'req-1',
    });
    expect(headersOf(r)).toEqual({ 'Content-Type': 'application/problem+json' });
  });

  it('without instance or request id, the body has neither key; no errors key without details', () => {
    const body = bodyOf(problem(new AppError('NOT_FOUND', 'No such job.'), '', ''));
    expect(Object.keys(body).sort()).toEqual(['code', 'detail', 'status', 'title', 'type']);
    const withEmptyDetails = bodyOf(problem(new AppError('VALIDATION_FAILED', 'Bad.', { details: [] })));
    expect('errors' in withEmptyDetails).toBe(false);
  });

  it('lists every validation problem under `errors`', () => {
    const details = [
      { field: 'format', message: 'must be one of csv, json' },
      { field: 'dateRange.from', message: 'required' },
    ];
    expect(bodyOf(problem(new AppError('VALIDATION_FAILED', 'Invalid.', { details }))).errors).toEqual(details);
  });

  it('any other error is a generic 500: no message, stack or SQL of the original', () => {
    const e = new Error("SELECT secret FROM users WHERE email='ann@example.com'");
    const r = problem(e, '/api/x');
    const text = r.body as string;
    expect(r.status).toBe(500);
    expect(bodyOf(r)).toEqual({
      type: 'https://portal.example.com/problems/internal',
      title: 'Internal Server Error',
      status: 500,
      code: 'INTERNAL',
      detail: 'The export failed because of an internal error.',
      instance: '/api/x',
    });
    expect(text).not.toContain('SELECT');
    expect(text).not.toContain('ann@example.com');
    expect(text).not.toContain('at ');
  });

  it('401 asks for a bearer token; 503 says retry after 5 s', () => {
    expect(headersOf(problem(new AppError('UNAUTHENTICATED', 'x')))['WWW-Authenticate']).toBe('Bearer');
    expect(headersOf(problem(new AppError('FORBIDDEN', 'x')))['WWW-Authenticate']).toBeUndefined();
    expect(headersOf(problem(new AppError('QUEUE_UNAVAILABLE', 'x')))['Retry-After']).toBe('5');
    expect(headersOf(problem(new AppError('INTERNAL', 'x')))['Retry-After']).toBeUndefined();
  });

  it('Retry-After from the error: whole seconds rounded up, at least 1', () => {
    const retryAfter = (s: number) =>
      headersOf(problem(new AppError('RATE_LIMITED', 'x', { retryAfterSeconds: s })))['Retry-After'];
    expect(retryAfter(12.2)).toBe('13');
    expect(retryAfter(12)).toBe('12');
    expect(retryAfter(0)).toBe('1');
    expect(retryAfter(0.2)).toBe('1');
    expect(headersOf(problem(new AppError('STORAGE_UNAVAILABLE', 'x', { retryAfterSeconds: 30 })))['Retry-After']).toBe('30');
  });

  it('rate-limit standing becomes the RateLimit-* headers', () => {
    const r = problem(
      new AppError('RATE_LIMITED', 'Slow down.', {
        retryAfterSeconds: 7,
        rateLimit: { limit: 10, remaining: 0, resetSeconds: 7, windowSeconds: 60 },
      }),
    );
    expect(headersOf(r)).toEqual({
      'Content-Type': 'application/problem+json',
      'Retry-After': '7',
      'RateLimit-Limit': '10',
      'RateLimit-Remaining': '0',
      'RateLimit-Reset': '7',
      'RateLimit-Policy': '10;w=60',
    });
  });

  it('cuts a long detail to 500 characters with an ellipsis; 500 exactly stays whole', () => {
    const long = problem(new AppError('VALIDATION_FAILED', 'x'.repeat(501)));
    expect(bodyOf(long).detail).toBe(`${'x'.repeat(499)}…`);
    const exact = problem(new AppError('VALIDATION_FAILED', 'y'.repeat(500)));
    expect(bodyOf(exact).detail).toBe('y'.repeat(500));
  });

  it('cuts an instance to 200 characters', () => {
    expect(bodyOf(problem(new AppError('NOT_FOUND', 'x'), `/${'p'.repeat(300)}`)).instance).toBe(`/${'p'.repeat(199)}`);
  });

  it('adds the error’s extensions to the body', () => {
    const successor = { method: 'POST', href: '/api/export-jobs', body: { format: 'csv' } };
    const body = bodyOf(problem(new AppError('SYNC_EXPORT_TOO_LARGE', 'Too large.', { extensions: { successor } })));
    expect(body.successor).toEqual(successor);
    expect(body.status).toBe(413);
    expect(problemSchema.safeParse(body).success).toBe(true);
  });

  it('problemSchema refuses a status outside 400–599 and a detail over 500 characters', () => {
    const ok = { type: 't', title: 'T', status: 400, code: 'C', detail: 'd' };
    expect(problemSchema.safeParse(ok).success).toBe(true);
    expect(problemSchema.safeParse({ ...ok, status: 399 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...ok, status: 600 }).success).toBe(false);
    expect(problemSchema.safeParse({ ...ok, status: 599 }).success).toBe(true);
    expect(problemSchema.safeParse({ ...ok, detail: 'd'.repeat(501) }).success).toBe(false);
  });
});
