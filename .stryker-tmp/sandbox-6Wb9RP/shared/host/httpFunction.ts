// @ts-nocheck
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import type { Services } from '../app/services.js';
import type { Principal } from '../domain/principal.js';
import { isAppError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';
import { problem } from '../http/problem.js';
import { invocationLogger } from '../adapters/log/invocationLogger.js';
import type { HttpFunctionDefinition } from './functionDefinition.js';

/** What an HTTP handler gets: the services, the authenticated caller, a logger, the request. */
export interface HttpCall {
  readonly services: Services;
  readonly principal: Principal;
  readonly log: Logger;
  readonly request: HttpRequest;
}

/**
 * The thin-handler frame of every HTTP function: services → authenticate → run the use case → map
 * the result or error to HTTP. Client mistakes become 4xx problem+json; anything unexpected is
 * logged and answered with a generic 500 that carries no stack or SQL.
 */
export function httpFunction(definition: {
  readonly name: string;
  readonly methods: HttpFunctionDefinition['methods'];
  readonly route: string;
  run(call: HttpCall): Promise<HttpResponseInit>;
}): HttpFunctionDefinition {
  return {
    kind: 'http',
    name: definition.name,
    methods: definition.methods,
    route: definition.route,
    async handler(request, context, getServices) {
      const instance = new URL(request.url).pathname;
      try {
        const services = await getServices();
        const principal = await services.verifier.verify(request.headers.get('authorization'));
        const log = invocationLogger(context, { userId: principal.userId, organizationId: principal.organizationId });
        return await definition.run({ services, principal, log, request });
      } catch (e) {
        if (!isAppError(e) || e.code === 'INTERNAL' || e.code === 'SERVICE_UNAVAILABLE') {
          context.error(
            `http.unhandled ${JSON.stringify({ path: instance, error: e instanceof Error ? e.name : 'unknown', code: isAppError(e) ? e.code : null })}`,
          );
        }
        return problem(e, instance);
      }
    },
  };
}

/** A JSON response that no cache keeps. */
export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', ...headers },
});
