import { randomUUID } from 'node:crypto';
import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { Services } from '../app/services.js';
import type { RequestOrigin } from '../domain/audit.js';
import type { Principal } from '../domain/principal.js';
import { isAppError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';
import { problem } from '../http/problem.js';
import { baseHeaders, originOf, REQUEST_ID_HEADER, requestIdOf } from '../http/headers.js';
import { invocationLogger } from '../adapters/log/invocationLogger.js';
import type { GetServices, HttpFunctionDefinition } from './functionDefinition.js';

/** What an HTTP handler gets: the services, the authenticated caller, a logger, the request and where it came from. */
export interface HttpCall {
  readonly services: Services;
  readonly principal: Principal;
  readonly log: Logger;
  readonly request: HttpRequest;
  /** Request id and client address (the audit trail records them). */
  readonly origin: RequestOrigin;
  readonly requestId: string;
}

/** What a public (unauthenticated) handler gets. */
export type PublicHttpCall = Omit<HttpCall, 'principal' | 'services'>;

interface HttpDefinitionBase {
  readonly name: string;
  readonly methods: HttpFunctionDefinition['methods'];
  readonly route: string;
}

/**
 * The thin-handler frame of every HTTP function: request id → services → authenticate → run the
 * use case → map the result or error to HTTP. Client mistakes become 4xx problem+json; anything
 * unexpected is logged and answered with a generic 500 that carries no stack or SQL. Every
 * response carries the request id, `Cache-Control: no-store` and `X-Content-Type-Options: nosniff`.
 */
export function httpFunction(
  definition: HttpDefinitionBase & { run(call: HttpCall): Promise<HttpResponseInit> },
): HttpFunctionDefinition {
  return framed(definition, true, async (call, getServices, context) => {
    const services = await getServices();
    const principal = await services.verifier.verify(call.request.headers.get('authorization'));
    const log = invocationLogger(context, {
      requestId: call.requestId,
      userId: principal.userId,
      organizationId: principal.organizationId,
    });
    return definition.run({ ...call, services, principal, log });
  });
}

/** The frame of a public function (no token: the OpenAPI document). Same headers and error mapping. */
export function publicHttpFunction(
  definition: HttpDefinitionBase & { run(call: PublicHttpCall): Promise<HttpResponseInit> },
): HttpFunctionDefinition {
  return framed(definition, false, (call) => definition.run(call));
}

function framed(
  definition: HttpDefinitionBase,
  authenticated: boolean,
  run: (
    call: Omit<HttpCall, 'services' | 'principal'>,
    getServices: GetServices,
    context: InvocationContext,
  ) => Promise<HttpResponseInit>,
): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: definition.name,
    methods: definition.methods,
    route: definition.route,
    authenticated,
    async handler(request, context, getServices) {
      const requestId = requestIdOf(request.headers.get(REQUEST_ID_HEADER), randomUUID);
      const instance = new URL(request.url).pathname;
      let response: HttpResponseInit;
      try {
        const log = invocationLogger(context, { requestId });
        response = await run({ request, requestId, origin: originOf(request, requestId), log }, getServices, context);
      } catch (e) {
        if (!isAppError(e) || e.code === 'INTERNAL' || e.code === 'SERVICE_UNAVAILABLE') {
          context.error(
            `http.unhandled ${JSON.stringify({ path: instance.slice(0, 200), requestId, error: e instanceof Error ? e.name : 'unknown', code: isAppError(e) ? e.code : null })}`,
          );
        }
        response = problem(e, instance, requestId);
      }
      return withBaseHeaders(response, requestId);
    },
  };
}

/** Adds the headers every response carries; a handler's own Cache-Control stays if it says no-store. */
export function withBaseHeaders(response: HttpResponseInit, requestId: string): HttpResponseInit {
  const merged: Record<string, string> = baseHeaders(requestId);
  const set = (key: string, value: string) => {
    if (key.toLowerCase() === 'cache-control' && !/\bno-store\b/i.test(value)) return;
    for (const k of Object.keys(merged)) if (k.toLowerCase() === key.toLowerCase()) delete merged[k];
    merged[key] = value;
  };
  const own = response.headers;
  if (own instanceof Headers) own.forEach((value, key) => set(key, value));
  else if (Array.isArray(own)) for (const [key, value] of own) set(key, value);
  else for (const [key, value] of Object.entries(own ?? {})) set(key, value);
  return { ...response, headers: merged };
}

/** A JSON response that no cache keeps. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', ...headers },
});
