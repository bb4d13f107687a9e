import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import { problem } from '../http/problem.js';
import { REQUEST_ID_HEADER, requestIdOf } from '../http/headers.js';
import type { HttpFunctionDefinition } from './functionDefinition.js';
import { withBaseHeaders } from './httpFunction.js';
import { ALL_METHODS, allowOf, routeMethods } from './routes.js';

/**
 * For each route of the app, one more function on the same route that takes every method no
 * function serves there: OPTIONS answers 204 with `Allow`, anything else 405 with `Allow`. Both
 * hosts register these next to the route table, so a wrong method gets the same answer everywhere
 * (Azure would otherwise answer 404, and a catch-all route cannot be used: the Functions host orders
 * overlapping routes by function name, not by specificity).
 */
export function methodFallbacks(definitions: readonly HttpFunctionDefinition[]): HttpFunctionDefinition[] {
  return [...routeMethods(definitions)].flatMap(([route, served], i) => {
    const others = ALL_METHODS.filter((m) => !served.includes(m));
    if (others.length === 0) return [];
    const allow = allowOf(served);
    return [
      {
        kind: 'http',
        name: `methodNotAllowed${i + 1}`,
        methods: others,
        route,
        authenticated: false,
        async handler(request) {
          const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER), randomUUID);
          const response =
            request.method === 'OPTIONS'
              ? { status: 204, headers: { Allow: allow } }
              : ((r) => ({ ...r, headers: { ...(r.headers as Record<string, string>), Allow: allow } }))(
                  problem(
                    new AppError('METHOD_NOT_ALLOWED', `${request.method.slice(0, 10)} is not allowed here; allowed: ${allow}.`),
                    new URL(request.url).pathname,
                    requestId,
                  ),
                );
          return withBaseHeaders(response, requestId);
        },
      } satisfies HttpFunctionDefinition,
    ];
  });
}
