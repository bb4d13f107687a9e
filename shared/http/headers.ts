import type { HttpRequest } from '@azure/functions';
import type { RequestOrigin } from '../domain/audit.js';
import type { RateLimitState } from '../domain/limits.js';

/** The request id: a client's well-formed one is kept, else one is made; on every response and log line. */
export const REQUEST_ID_HEADER = 'X-Request-Id';
const WELL_FORMED_REQUEST_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;

/**
 * Response headers a browser script may read across origins (CORS hides all but a few by default):
 * what the portal needs to follow a 202, back off after a 429, correlate a request, name a file.
 */
export const EXPOSED_HEADERS = [
  'Location',
  'Retry-After',
  'RateLimit-Limit',
  'RateLimit-Remaining',
  'RateLimit-Reset',
  'RateLimit-Policy',
  REQUEST_ID_HEADER,
  'Content-Disposition',
  'Content-Range',
  'Accept-Ranges',
  'ETag',
  'Repr-Digest',
  'Deprecation',
  'Link',
  'Idempotent-Replayed',
] as const;

/** Request headers a browser may send (the CORS preflight allows these). */
export const ALLOWED_REQUEST_HEADERS = [
  'Authorization',
  'Content-Type',
  'Idempotency-Key',
  REQUEST_ID_HEADER,
  'Range',
  'If-Range',
  'If-None-Match',
] as const;

export function requestIdOf(given: string | null, make: () => string): string {
  return given && WELL_FORMED_REQUEST_ID.test(given) ? given : make();
}

/**
 * The client address as the platform reports it: the last `X-Forwarded-For` hop (the one the
 * nearest proxy — Azure's front end, or our local host — added; earlier entries are the client's
 * own claims), without its port.
 */
export function clientAddressOf(request: Pick<HttpRequest, 'headers'>): string | null {
  const hops = (request.headers.get('x-forwarded-for') ?? '')
    .split(',')
    .map((h) => h.trim())
    .filter(Boolean);
  const last = hops.at(-1);
  if (!last) return null;
  const bracketed = /^\[([0-9a-fA-F:.]+)\](?::\d+)?$/.exec(last);
  const address = bracketed ? bracketed[1]! : /^[0-9.]+:\d+$/.test(last) ? last.replace(/:\d+$/, '') : last;
  return /^[0-9A-Za-z.:%-]{1,64}$/.test(address) ? address : null;
}

export const originOf = (request: Pick<HttpRequest, 'headers'>, requestId: string): RequestOrigin => ({
  requestId,
  clientAddress: clientAddressOf(request),
});

/**
 * Headers on every response: the request id, no caching by anyone, no MIME sniffing, and the
 * headers a cross-origin script may read. A response may tighten Cache-Control (`private, no-store`)
 * but never drop `no-store`.
 */
export function baseHeaders(requestId: string): Record<string, string> {
  return {
    [REQUEST_ID_HEADER]: requestId,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    'Access-Control-Expose-Headers': EXPOSED_HEADERS.join(', '),
  };
}

/**
 * The caller's standing against the rate limit (draft-ietf-httpapi-ratelimit-headers): the limit,
 * what remains in the window, seconds until a slot frees, and the policy (`10;w=60`).
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
    'RateLimit-Policy': `${state.limit};w=${state.windowSeconds}`,
  };
}
