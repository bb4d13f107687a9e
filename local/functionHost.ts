import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit, type Timer } from '@azure/functions';
import { problem } from '../shared/http/problem.js';
import { ALLOWED_REQUEST_HEADERS, requestIdOf } from '../shared/http/headers.js';
import { MAX_BODY_BYTES } from '../shared/http/readJsonBody.js';
import { AppError } from '../shared/domain/errors.js';
import { withBaseHeaders } from '../shared/host/httpFunction.js';
import { methodFallbacks } from '../shared/host/methodFallbacks.js';
import { allowOf, compileRoute, routeMethods, type HttpMethod } from '../shared/host/routes.js';
import type { Clock } from '../shared/ports/clock.js';
import type { InProcessQueue } from '../shared/adapters/queue/inProcessQueue.js';
import type { LogSink } from '../shared/adapters/log/jsonLogger.js';
import { Settings } from '../shared/config/settings.js';
import {
  isDeadLetterQueue,
  type FunctionDefinition,
  type GetServices,
  type HttpFunctionDefinition,
  type QueueFunctionDefinition,
  type TimerFunctionDefinition,
} from '../shared/host/functionDefinition.js';

/** Bounds of the local host's HTTP server (the Functions front end bounds these in Azure). */
export interface HttpHostLimits {
  /** Largest request body read, bytes (the API's bodies are small JSON documents). */
  readonly maxBodyBytes: number;
  /** Largest request head (request line + headers), bytes; more is 431. */
  readonly maxHeaderBytes: number;
  /** Time to receive the headers, ms. */
  readonly headersTimeoutMs: number;
  /** Time to receive a body once the headers are in, ms (a slow body is cut off: 408). */
  readonly bodyTimeoutMs: number;
}

export const DEFAULT_HTTP_LIMITS: HttpHostLimits = {
  maxBodyBytes: MAX_BODY_BYTES,
  maxHeaderBytes: 16 * 1024,
  headersTimeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
};

export interface HttpHostOptions {
  /** Browser origins answered with CORS headers (EXPORT_CORS_ORIGINS); others get none. */
  readonly corsOrigins?: readonly string[];
  readonly limits?: Partial<HttpHostLimits>;
  /** Pages outside /api/ (the local console); answers true when it handled the request. */
  readonly site?: (req: IncomingMessage, res: ServerResponse, path: string) => Promise<boolean>;
}

function contextFor(functionName: string, sink: LogSink, triggerMetadata?: Record<string, unknown>): InvocationContext {
  return new InvocationContext({
    invocationId: randomUUID(),
    functionName,
    ...(triggerMetadata ? { triggerMetadata } : {}),
    logHandler: (level, ...args) =>
      sink(
        level === 'error' || level === 'critical' ? 'error' : level === 'warning' ? 'warn' : 'info',
        args.map(String).join(' '),
        { fn: functionName },
      ),
  });
}

/**
 * Reads the body within its size and time bounds (413, 408). On either, reading stops and the
 * caller answers with `Connection: close`, so a slow or endless body holds nothing for long.
 */
function readBody(req: IncomingMessage, limits: HttpHostLimits): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (e?: AppError) => {
      clearTimeout(timer);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      if (e) {
        req.pause();
        reject(e);
      }
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limits.maxBodyBytes)
        return stop(new AppError('PAYLOAD_TOO_LARGE', `The body may be at most ${limits.maxBodyBytes} bytes.`));
      chunks.push(c);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks));
    };
    const onError = () => stop(new AppError('REQUEST_TIMEOUT', 'The request body did not arrive in time.'));
    const timer = setTimeout(
      () => stop(new AppError('REQUEST_TIMEOUT', 'The request body did not arrive in time.')),
      limits.bodyTimeoutMs,
    );
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/**
 * A JSON answer (most of the API) as the bytes `HttpResponse` would send — its headers lower-cased,
 * `content-type: application/json` unless set — without building a web Response and piping its
 * stream, which was a large share of a status GET's cost (profiled). Anything else: undefined.
 */
function jsonAnswer(
  result: HttpResponseInit | HttpResponse,
): { status: number; headers: Record<string, string>; body: Buffer } | undefined {
  if (result instanceof HttpResponse || result.jsonBody === undefined || result.jsonBody === null) return undefined;
  if (result.body !== undefined || result.cookies?.length || result.headers instanceof Headers) return undefined;
  if (Array.isArray(result.headers)) return undefined;
  const status = result.status ?? 200;
  if (status === 204 || status === 205 || status === 304) return undefined;
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(result.headers ?? {})) headers[key.toLowerCase()] = String(value);
  headers['content-type'] ??= 'application/json';
  return { status, headers, body: Buffer.from(JSON.stringify(result.jsonBody)) };
}

async function send(res: ServerResponse, result: HttpResponseInit | HttpResponse, extra: Record<string, string>): Promise<void> {
  const answer = jsonAnswer(result);
  if (answer) {
    res.writeHead(answer.status, { ...answer.headers, 'content-length': String(answer.body.length), ...extra });
    res.end(answer.body);
    return;
  }
  const r = result instanceof HttpResponse ? result : new HttpResponse(result);
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(r.status, { ...headers, ...extra });
  // pipeline honours backpressure: a slow client slows the read from Blob Storage, memory stays flat.
  if (r.body) await pipeline(Readable.fromWeb(r.body), res);
  else res.end();
}

const ofKind = <K extends FunctionDefinition['kind']>(definitions: readonly FunctionDefinition[], kind: K) =>
  definitions.filter((d): d is Extract<FunctionDefinition, { kind: K }> => d.kind === kind);

/**
 * Serves the app's HTTP functions over node:http, with the same request and context objects the
 * Functions host would pass, and what the Azure front end does there: CORS for the allowed
 * origins, the client address in X-Forwarded-For, bounded headers, bodies and time — and the
 * token checked before a body is read, so an unauthenticated client cannot make it hold one.
 */
export function serveHttp(
  definitions: readonly FunctionDefinition[],
  services: GetServices,
  sink: LogSink,
  options: HttpHostOptions = {},
): Server {
  const limits: HttpHostLimits = { ...DEFAULT_HTTP_LIMITS, ...options.limits };
  const http = ofKind(definitions, 'http');
  const routes = [...http, ...methodFallbacks(http)].map((r: HttpFunctionDefinition) => ({ ...r, match: compileRoute(r.route) }));
  const served = routeMethods(http);
  const corsOrigins = new Set(options.corsOrigins ?? []);
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      // Node's own backstop, past ours: a request that is still arriving after both is dropped.
      requestTimeout: limits.headersTimeoutMs + limits.bodyTimeoutMs + 5_000,
    },
    (req, res) => {
      void (async () => {
        const started = Date.now();
        const requestId = requestIdOf(
          typeof req.headers['x-request-id'] === 'string' ? req.headers['x-request-id'] : null,
          randomUUID,
        );
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : undefined;
        const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
        const cors: Record<string, string> =
          corsOrigins.size === 0
            ? {}
            : { Vary: 'Origin', ...(origin && corsOrigins.has(origin) ? { 'Access-Control-Allow-Origin': origin } : {}) };
        const fail = async (e: unknown, close = false) => {
          if (res.headersSent) return void res.destroy();
          await send(res, withBaseHeaders(problem(e, url.pathname, requestId), requestId), {
            ...cors,
            ...(close ? { Connection: 'close' } : {}),
          }).catch(() => undefined);
        };
        try {
          if (path === undefined && options.site && (await options.site(req, res, url.pathname))) return;
          const candidates = path === undefined ? [] : routes.map((r) => ({ r, params: r.match(path) })).filter((x) => x.params);
          if (candidates.length === 0) throw new AppError('NOT_FOUND', 'No such resource.');
          const method = (req.method ?? 'GET').toUpperCase();
          if (method === 'OPTIONS' && req.headers['access-control-request-method']) {
            // A CORS preflight: the route's methods, the request headers a client may send.
            const methods = served.get(candidates[0]!.r.route) ?? [];
            await send(res, withBaseHeaders({ status: 204 }, requestId), {
              ...cors,
              ...(cors['Access-Control-Allow-Origin']
                ? {
                    'Access-Control-Allow-Methods': allowOf(methods),
                    'Access-Control-Allow-Headers': ALLOWED_REQUEST_HEADERS.join(', '),
                    'Access-Control-Max-Age': '600',
                  }
                : {}),
            });
            return;
          }
          const hit = candidates.find((c) => c.r.methods.includes(method as HttpMethod));
          if (!hit) throw new AppError('METHOD_NOT_ALLOWED', `${method.slice(0, 10)} is not allowed here.`);
          if (hit.r.authenticated) {
            // Before the body: an unauthenticated client gets its 401 and the connection is closed.
            const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : null;
            try {
              await (await services()).verifier.verify(authorization);
            } catch (e) {
              return await fail(e, true);
            }
          }
          if (Number(req.headers['content-length'] ?? 0) > limits.maxBodyBytes) {
            return await fail(new AppError('PAYLOAD_TOO_LARGE', `The body may be at most ${limits.maxBodyBytes} bytes.`), true);
          }
          const body = await readBody(req, limits).catch(async (e: unknown) => {
            await fail(e, true);
            return undefined;
          });
          if (!body) return;
          const headers = Object.fromEntries(
            Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
          );
          // A Host header that is not a plain host[:port] is not echoed into the request URL.
          const host = /^[\w.-]+(:\d{1,5})?$/.test(req.headers.host ?? '') ? (req.headers.host as string) : '127.0.0.1';
          // The client address as the Azure front end reports it: the last X-Forwarded-For hop.
          headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
          const request = new HttpRequest({
            method,
            url: `http://${host}${url.pathname}${url.search}`,
            headers,
            params: hit.params ?? {},
            ...(body.length ? { body: { bytes: body } } : {}),
          });
          const result = await hit.r.handler(request, contextFor(hit.r.name, sink), services);
          await send(res, result, cors);
          sink('info', 'http', {
            method,
            path: url.pathname.slice(0, 200),
            status: res.statusCode,
            ms: Date.now() - started,
            requestId,
          });
        } catch (e) {
          await fail(e);
        }
      })();
    },
  );
  return server;
}

/**
 * Delivers an in-process queue's messages to the queue function bound to it (`binding`, e.g.
 * `%EXPORT_QUEUE_NAME%`), and its dead letters to the function on its dead-letter sub-queue.
 */
export function consumeQueue<M>(
  definitions: readonly FunctionDefinition[],
  services: GetServices,
  queue: InProcessQueue<M>,
  sink: LogSink,
  binding = `%${Settings.queueName}%`,
): void {
  const queues = ofKind(definitions, 'queue');
  const main: QueueFunctionDefinition | undefined = queues.find((q) => !isDeadLetterQueue(q) && q.queueName === binding);
  const dead: QueueFunctionDefinition | undefined = queues.find((q) => isDeadLetterQueue(q) && q.queueName.startsWith(binding));
  if (!main) throw new Error('no queue function registered');
  queue.consume(
    async (d) => {
      await main.handler(
        d.body,
        contextFor(main.name, sink, {
          messageId: d.messageId,
          deliveryCount: d.deliveryCount,
          enqueuedTimeUtc: d.enqueuedTimeUtc.toISOString(),
        }),
        services,
      );
    },
    async (d) => {
      if (!dead) return;
      await dead.handler(
        d.body,
        contextFor(dead.name, sink, {
          messageId: d.messageId,
          deliveryCount: d.deliveryCount,
          // Where the Service Bus extension puts them: the message's application properties.
          applicationProperties: {
            deadLetterReason: d.deadLetterReason,
            deadLetterErrorDescription: d.deadLetterErrorDescription,
          },
        }),
        services,
      );
    },
  );
}

/** Runs every timer function every `seconds` of the clock; a run never overlaps the previous one. Returns stop. */
export function runTimers(
  definitions: readonly FunctionDefinition[],
  services: GetServices,
  clock: Clock,
  seconds: number,
  sink: LogSink,
): () => void {
  const handles = ofKind(definitions, 'timer').map((t: TimerFunctionDefinition) => {
    let running = false;
    return clock.setInterval(() => {
      if (running) return;
      running = true;
      const timer: Timer = {
        isPastDue: false,
        schedule: { adjustForDST: false },
        scheduleStatus: { last: '', next: '', lastUpdated: '' },
      };
      t.handler(timer, contextFor(t.name, sink), services)
        .catch((e: unknown) => sink('error', 'timer failed', { fn: t.name, error: e instanceof Error ? e.message : String(e) }))
        .finally(() => (running = false));
    }, seconds * 1000);
  });
  return () => handles.forEach((h) => clock.clearInterval(h));
}
