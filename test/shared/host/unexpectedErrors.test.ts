import { HttpRequest, InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { functionDefinitions } from '../../../functions/definitions.js';
import type { Services } from '../../../shared/app/services.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { HttpFunctionDefinition } from '../../../shared/host/functionDefinition.js';
import { fakeServices, ORG_A } from '../../fakes/fakeServices.js';

/** What a driver might throw: SQL, a file path, a stack, an e-mail address. */
const LEAK = 'SQLITE_ERROR near "from": select * from export_jobs where created_by = \'åsa@example.com\'';
const leakyError = () => {
  const e = new Error(LEAK);
  e.stack = `Error: ${LEAK}\n    at run (/work/main/shared/adapters/sql/jobRepository.ts:42:7)`;
  return e;
};

/** Every port method throws the leaky error; the caller is a valid SuperAdmin. */
function brokenServices(): Services {
  const world = fakeServices();
  const broken = <T extends object>(port: T): T =>
    new Proxy(port, {
      get: (target, prop, receiver) => {
        const value: unknown = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? () => Promise.reject(leakyError()) : value;
      },
    });
  const principal: Principal = { userId: 'root', organizationId: ORG_A, roles: ['SuperAdmin'] };
  return {
    ...world,
    repo: broken(world.repo),
    blobs: broken(world.blobs),
    source: {
      ...broken(world.source),
      read: () => ({ [Symbol.asyncIterator]: () => ({ next: () => Promise.reject(leakyError()) }) }),
    },
    queue: broken(world.queue),
    webhooks: broken(world.webhooks),
    verifier: { verify: async () => principal },
  };
}

const id = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
/** A query the route accepts, so the request gets past validation to the broken ports. */
const validQuery = (route: string) => (/^(dataexport|admindashboard)\//.test(route) ? '?from=2026-01-01&to=2026-01-31' : '');
/** Routes that use no port at all (a static document): they cannot fail this way. */
const PORTLESS = new Set(['openapi.json']);
const requestFor = (d: HttpFunctionDefinition, method: string) =>
  new HttpRequest({
    method,
    url: `http://localhost/api/${d.route.replace(/\{\w+\}/g, id)}${validQuery(d.route)}`,
    headers: { authorization: 'Bearer x', 'content-type': 'application/json' },
    params: { id },
    ...(method === 'POST'
      ? {
          body: {
            string: JSON.stringify(
              d.route === 'webhooks'
                ? { url: 'https://hooks.example.com/x' }
                : { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } },
            ),
          },
        }
      : {}),
  });

describe('an unexpected error in any HTTP function', () => {
  const http = functionDefinitions.filter((d): d is HttpFunctionDefinition => d.kind === 'http' && !PORTLESS.has(d.route));
  const cases = http.flatMap((d) => d.methods.map((m) => [`${m} ${d.route}`, d, m] as const));

  it.each(cases)('%s → a generic 500 problem that carries none of the error’s text', async (_name, d, method) => {
    const logged: string[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => void logged.push(args.map(String).join(' ')) });
    const res = await d.handler(requestFor(d, method), context, async () => brokenServices());
    expect(res.status).toBe(500);
    const text = String(res.body);
    const problem = JSON.parse(text) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 500, code: 'INTERNAL', detail: 'The export failed because of an internal error.' });
    for (const leak of ['select', 'SQLITE', 'åsa', '@example.com', '/work/', '.ts:', '    at ']) expect(text).not.toContain(leak);
    // The operator still learns what happened, without the personal data.
    expect(logged.some((l) => l.startsWith('http.unhandled') && l.includes('"error":"Error"'))).toBe(true);
    expect(logged.join('\n')).not.toContain('åsa');
  });

  it('covers every HTTP function', () => {
    expect(cases.length).toBeGreaterThanOrEqual(6);
  });
});
