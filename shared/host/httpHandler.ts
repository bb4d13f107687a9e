import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import type { AppDeps } from '../app/deps.js';
import type { Principal } from '../domain/principal.js';
import { isAppError } from '../domain/errors.js';
import type { Logger } from '../ports/logger.js';
import { problem } from '../http/problem.js';
import { invocationLogger } from '../adapters/log/invocationLogger.js';
import { services } from './runtime.js';

export interface HttpCall {
  readonly deps: AppDeps;
  readonly principal: Principal;
  readonly log: Logger;
}

/**
 * The thin-handler frame: authenticate → run the use case → map the result or error to HTTP.
 * Client mistakes become 4xx problem+json; anything unexpected is logged and answered with a
 * generic 500 that carries no stack or SQL.
 */
export async function handleHttp(
  req: HttpRequest,
  ctx: InvocationContext,
  fn: (call: HttpCall) => Promise<HttpResponseInit>,
): Promise<HttpResponseInit> {
  const instance = new URL(req.url).pathname;
  try {
    const { deps } = await services();
    const principal = await deps.verifier.verify(req.headers.get('authorization'));
    const log = invocationLogger(ctx, { userId: principal.userId, organizationId: principal.organizationId });
    return await fn({ deps, principal, log });
  } catch (e) {
    if (!isAppError(e) || e.code === 'INTERNAL') {
      ctx.error(
        `http.unhandled ${JSON.stringify({ path: instance, error: e instanceof Error ? e.name : 'unknown', message: e instanceof Error ? e.message : '' })}`,
      );
    }
    return problem(e, instance);
  }
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): HttpResponseInit => ({
  status,
  jsonBody: body,
  headers: { 'Cache-Control': 'no-store', ...headers },
});
