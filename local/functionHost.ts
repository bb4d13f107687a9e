import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { HttpRequest, HttpResponse, InvocationContext, type HttpResponseInit, type Timer } from '@azure/functions';
import { problem } from '../shared/http/problem.js';
import { AppError } from '../shared/domain/errors.js';
import type { Clock } from '../shared/ports/clock.js';
import type { InProcessQueue } from '../shared/adapters/queue/inProcessQueue.js';
import type { LogSink } from '../shared/adapters/log/jsonLogger.js';
import {
  isDeadLetterQueue,
  type FunctionDefinition,
  type GetServices,
  type HttpFunctionDefinition,
  type QueueFunctionDefinition,
  type TimerFunctionDefinition,
} from '../shared/host/functionDefinition.js';

const MAX_BODY = 1024 * 1024;
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

/** `export-jobs/{id}/download` → a matcher giving route params. */
function compile(route: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      route
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1] as string);
          return '([^/]+)';
        })
        .join('/') +
      '$',
  );
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] as string)]));
  };
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of req) {
    size += (c as Buffer).length;
    if (size > MAX_BODY) throw new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.');
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks);
}

async function send(res: ServerResponse, result: HttpResponseInit | HttpResponse): Promise<void> {
  const r = result instanceof HttpResponse ? result : new HttpResponse(result);
  const headers: Record<string, string> = {};
  r.headers.forEach((v, k) => (headers[k] = v));
  res.writeHead(r.status, headers);
  if (r.body) await pipeline(Readable.fromWeb(r.body), res);
  else res.end();
}

const ofKind = <K extends FunctionDefinition['kind']>(definitions: readonly FunctionDefinition[], kind: K) =>
  definitions.filter((d): d is Extract<FunctionDefinition, { kind: K }> => d.kind === kind);

/**
 * Serves the app's HTTP functions over node:http, with the same request and context objects the
 * Functions host would pass.
 */
export function serveHttp(definitions: readonly FunctionDefinition[], services: GetServices, sink: LogSink): Server {
  const routes = ofKind(definitions, 'http').map((r: HttpFunctionDefinition) => ({ ...r, match: compile(r.route) }));
  return createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const path = url.pathname.startsWith('/api/') ? url.pathname.slice(5) : undefined;
      try {
        const candidates = path === undefined ? [] : routes.map((r) => ({ r, params: r.match(path) })).filter((x) => x.params);
        if (candidates.length === 0) throw new AppError('NOT_FOUND', 'No such resource.');
        const hit = candidates.find((c) => c.r.methods.includes((req.method ?? 'GET') as 'GET'));
        if (!hit) throw new AppError('METHOD_NOT_ALLOWED', `${req.method ?? ''} is not allowed here.`);
        const body = await readBody(req);
        const headers = Object.fromEntries(
          Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : (v ?? '')]),
        );
        const request = new HttpRequest({
          method: req.method ?? 'GET',
          url: url.toString(),
          headers,
          params: hit.params ?? {},
          ...(body.length ? { body: { bytes: body } } : {}),
        });
        const started = Date.now();
        const result = await hit.r.handler(request, contextFor(hit.r.name, sink), services);
        await send(res, result);
        sink('info', 'http', { method: req.method, path: url.pathname, status: res.statusCode, ms: Date.now() - started });
      } catch (e) {
        if (!res.headersSent) await send(res, problem(e, url.pathname)).catch(() => undefined);
        else res.destroy();
      }
    })();
  });
}

/** Delivers the in-process queue's messages to the app's queue functions (and its dead letters to the dead-letter one). */
export function consumeQueue(
  definitions: readonly FunctionDefinition[],
  services: GetServices,
  queue: InProcessQueue,
  sink: LogSink,
): void {
  const queues = ofKind(definitions, 'queue');
  const main: QueueFunctionDefinition | undefined = queues.find((q) => !isDeadLetterQueue(q));
  const dead: QueueFunctionDefinition | undefined = queues.find((q) => isDeadLetterQueue(q));
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
