// @ts-nocheck
import { HttpRequest, InvocationContext, type Timer } from '@azure/functions';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/domain/errors.js';
import { httpFunction, json } from '../../../shared/host/httpFunction.js';
import { queueFunction } from '../../../shared/host/queueFunction.js';
import { timerFunction } from '../../../shared/host/timerFunction.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A } from '../../fakes/fakeServices.js';

const lines: string[] = [];
const context = (triggerMetadata?: Record<string, unknown>) =>
  new InvocationContext({
    logHandler: (level, ...args) => void lines.push(`${level} ${args.map(String).join(' ')}`),
    ...(triggerMetadata ? { triggerMetadata } : {}),
  });
const principal: Principal = { userId: 'u', organizationId: ORG_A, roles: ['Admin'] };
const world = () => {
  const services = fakeServices();
  return {
    ...services,
    verifier: {
      verify: async (h: string | null) =>
        h === 'Bearer ok' ? principal : Promise.reject(new AppError('UNAUTHENTICATED', 'A bearer token is required.')),
    },
  };
};
const request = (authorization?: string) =>
  new HttpRequest({ method: 'GET', url: 'http://localhost/api/probe', headers: authorization ? { authorization } : {} });
const bodyOf = (r: { body?: unknown }) => JSON.parse(String(r.body)) as Record<string, unknown>;

describe('HTTP frame', () => {
  const probe = (run: Parameters<typeof httpFunction>[0]['run']) =>
    httpFunction({ name: 'probe', methods: ['GET'], route: 'probe', run });

  it('authenticates, then runs the handler with the caller', async () => {
    const w = world();
    const res = await probe(async ({ principal: p }) => json(200, { user: p.userId })).handler(
      request('Bearer ok'),
      context(),
      async () => w,
    );
    expect(res).toMatchObject({ status: 200, jsonBody: { user: 'u' }, headers: { 'Cache-Control': 'no-store' } });
  });

  it('answers 401 without running the handler when the token is refused', async () => {
    let ran = false;
    const res = await probe(async () => ((ran = true), json(200, {}))).handler(request(), context(), async () => world());
    expect(res.status).toBe(401);
    expect(ran).toBe(false);
  });

  it('answers a failed start-up with 503 and Retry-After, not 500', async () => {
    const res = await probe(async () => json(200, {})).handler(request('Bearer ok'), context(), () =>
      Promise.reject(
        new AppError('SERVICE_UNAVAILABLE', 'The service is starting or temporarily unavailable; try again shortly.', {
          retryable: true,
        }),
      ),
    );
    expect(res.status).toBe(503);
    expect((res.headers as Record<string, string>)['Retry-After']).toBeDefined();
    expect(bodyOf(res)).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
  });

  it('turns an unexpected error into a generic 500 that carries none of its text', async () => {
    lines.length = 0;
    const res = await probe(async () => {
      throw new TypeError("select * from users where email = 'åsa@example.com'");
    }).handler(request('Bearer ok'), context(), async () => world());
    expect(res.status).toBe(500);
    const text = String(res.body);
    expect(text).not.toMatch(/select|åsa|TypeError|at /);
    expect(bodyOf(res)).toMatchObject({ code: 'INTERNAL', detail: 'The export failed because of an internal error.' });
    expect(lines.some((l) => l.startsWith('error http.unhandled') && l.includes('TypeError') && !l.includes('åsa'))).toBe(true);
  });
});

describe('queue frame', () => {
  const seen: unknown[] = [];
  const fn = queueFunction({
    name: 'probe',
    connection: 'C',
    queueName: 'q',
    message: z.object({ jobId: z.string().uuid() }),
    run: async ({ message }) => void seen.push(message),
  });
  const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

  it('parses a JSON string or an object body with the schema', async () => {
    seen.length = 0;
    await fn.handler(JSON.stringify({ jobId: id }), context(), async () => world());
    await fn.handler({ jobId: id }, context(), async () => world());
    expect(seen).toEqual([{ jobId: id }, { jobId: id }]);
  });

  it('completes (drops, logs) a malformed message instead of redelivering it forever', async () => {
    seen.length = 0;
    lines.length = 0;
    for (const body of ['{not json', { jobId: 'x' }, 42])
      await fn.handler(body, context({ messageId: 'm-1' }), async () => world());
    expect(seen).toEqual([]);
    expect(lines.filter((l) => l.startsWith('error queue.malformed message dropped'))).toHaveLength(3);
  });

  it('abandons the message (throws) when the services cannot be built, so the queue redelivers it', async () => {
    await expect(
      fn.handler({ jobId: id }, context(), () => Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'x', { retryable: true }))),
    ).rejects.toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
    });
  });
});

describe('timer frame', () => {
  it('runs with the services; a failure fails this run only', async () => {
    let runs = 0;
    const fn = timerFunction({ name: 't', schedule: '0 * * * * *', run: async () => void runs++ });
    const timer = {} as Timer;
    await fn.handler(timer, context(), async () => world());
    await expect(fn.handler(timer, context(), () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    await fn.handler(timer, context(), async () => world());
    expect(runs).toBe(2);
  });
});
