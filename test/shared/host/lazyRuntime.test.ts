import { describe, expect, it } from 'vitest';
import { lazyRuntime } from '../../../shared/host/lazyRuntime.js';
import type { Runtime } from '../../../shared/host/compositionRoot.js';
import { fakeServices } from '../../fakes/fakeServices.js';

function runtimeOf(label: string, closed: string[]): Runtime {
  const services = fakeServices();
  return {
    services,
    sql: undefined as never,
    ensureContainer: async () => undefined,
    close: async () => void closed.push(label),
  };
}

describe('lazyRuntime', () => {
  it('builds once and shares the build between concurrent first calls', async () => {
    let builds = 0;
    const runtime = lazyRuntime(
      async () => runtimeOf(`r${++builds}`, []),
      () => undefined,
    );
    const [a, b] = await Promise.all([runtime.services(), runtime.services()]);
    expect(a).toBe(b);
    expect(await runtime.services()).toBe(a);
    expect(builds).toBe(1);
  });

  it('does not keep a failed build: the call fails as SERVICE_UNAVAILABLE, the next call builds again', async () => {
    const failures: unknown[] = [];
    let attempts = 0;
    const runtime = lazyRuntime(
      async () => {
        if (++attempts === 1) throw new Error('connect ETIMEDOUT sql.example');
        return runtimeOf('ok', []);
      },
      (e) => failures.push(e),
    );
    await expect(runtime.services()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryable: true });
    expect(failures).toHaveLength(1);
    expect((failures[0] as Error).message).toBe('connect ETIMEDOUT sql.example');
    const services = await runtime.services();
    expect(services.policy.leaseSeconds).toBeGreaterThan(0);
    expect(attempts).toBe(2);
  });

  it('treats a build that throws synchronously (an invalid setting) like any failed build', async () => {
    const failures: unknown[] = [];
    let attempts = 0;
    const runtime = lazyRuntime(
      () => {
        if (++attempts === 1) throw new Error('setting EXPORT_AUTH_HS256_SECRET is required');
        return Promise.resolve(runtimeOf('ok', []));
      },
      (e) => failures.push(e),
    );
    await expect(runtime.services()).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(failures).toHaveLength(1);
    await expect(runtime.services()).resolves.toBeDefined();
  });

  it('closes what it built, and builds anew after a close', async () => {
    const closed: string[] = [];
    let n = 0;
    const runtime = lazyRuntime(
      async () => runtimeOf(`r${++n}`, closed),
      () => undefined,
    );
    await runtime.close();
    expect(closed, 'nothing built, nothing closed').toEqual([]);
    await runtime.services();
    await runtime.close();
    expect(closed).toEqual(['r1']);
    await runtime.services();
    expect(n).toBe(2);
  });
});
