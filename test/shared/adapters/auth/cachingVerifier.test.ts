import { describe, expect, it } from 'vitest';
import { cachingVerifier } from '../../../../shared/adapters/auth/cachingVerifier.js';
import { hs256Verifier, signHs256 } from '../../../../shared/adapters/auth/hs256.js';
import type { TokenVerifier } from '../../../../shared/ports/tokenVerifier.js';
import { testClock } from '../../../support/testClock.js';

const SECRET = 'caching-test-secret-0123456789-abcdefghij';
const options = { secret: SECRET, issuer: 'portal-export-local', audience: 'portal-export' };
const ORG = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

/** The real HS256 verifier behind the cache, counting what reaches it. */
function world(o: { maxEntries?: number } = {}) {
  const clock = testClock('2026-07-01T12:00:00.000Z');
  const inner = hs256Verifier({ ...options, clock });
  let calls = 0;
  const counted: TokenVerifier = { verify: (a) => (calls++, inner.verify(a)) };
  const verifier = cachingVerifier(counted, { clock, ...o });
  const token = (sub: string, ttlSeconds = 3600) =>
    `Bearer ${signHs256({ sub, org: ORG, roles: ['Manager'] }, { ...options, now: clock.now(), ttlSeconds })}`;
  return { clock, verifier, token, calls: () => calls };
}
const code = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: { code?: string }) => e.code,
  );

describe('cachingVerifier', () => {
  it('verifies a token once, then answers from memory with the same principal', async () => {
    const w = world();
    const token = w.token('user-1');
    const first = await w.verifier.verify(token);
    expect(await w.verifier.verify(token)).toEqual(first);
    expect(await w.verifier.verify(token)).toEqual({ userId: 'user-1', organizationId: ORG, roles: ['Manager'] });
    expect(w.calls()).toBe(1);
    await w.verifier.verify(w.token('user-2'));
    expect(w.calls(), 'another token is verified on its own').toBe(2);
  });

  it('refuses a remembered token exactly when the verifier would: past exp + 60 s leeway', async () => {
    const w = world();
    const token = w.token('user-1', 300);
    await w.verifier.verify(token);
    w.clock.advance(300 + 59);
    expect(await code(w.verifier.verify(token))).toBe('accepted');
    w.clock.advance(2);
    expect(await code(w.verifier.verify(token))).toBe('UNAUTHENTICATED');
  });

  it('keeps no refusal: a bad token is checked each time and fills nothing', async () => {
    const w = world();
    const forged = w.token('user-1').replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    for (let i = 0; i < 3; i++) expect(await code(w.verifier.verify(forged))).toBe('UNAUTHENTICATED');
    expect(await code(w.verifier.verify(null))).toBe('UNAUTHENTICATED');
    expect(w.calls()).toBe(4);
  });

  it('holds at most maxEntries tokens (least recently used out) and reuses a verdict at most 10 minutes', async () => {
    const w = world({ maxEntries: 2 });
    const [a, b, c] = [w.token('a'), w.token('b'), w.token('c')];
    await w.verifier.verify(a);
    await w.verifier.verify(b);
    await w.verifier.verify(a);
    await w.verifier.verify(c); // pushes out b, the least recently used
    expect(w.calls()).toBe(3);
    await w.verifier.verify(a);
    expect(w.calls()).toBe(3);
    await w.verifier.verify(b);
    expect(w.calls()).toBe(4);
    w.clock.advance(600);
    await w.verifier.verify(b);
    expect(w.calls(), 'verified again after 10 minutes').toBe(5);
  });

  it('hands out a principal no caller can change for the next one', async () => {
    const w = world();
    const token = w.token('user-1');
    const principal = await w.verifier.verify(token);
    expect(() => (principal.roles as string[]).push('SuperAdmin')).toThrow();
    expect((await w.verifier.verify(token)).roles).toEqual(['Manager']);
  });
});
