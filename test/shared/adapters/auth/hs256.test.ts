import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hs256Verifier, signHs256 } from '../../../../shared/adapters/auth/hs256.js';
import { testClock } from '../../../support/testClock.js';

const SECRET = 'hs256-test-secret-0123456789-abcdefghij';
const ISSUER = 'portal-export-local';
const AUDIENCE = 'portal-export';
const NOW = new Date('2026-07-01T12:00:00.000Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const hmac = (data: string, secret = SECRET) => createHmac('sha256', secret).update(data).digest('base64url');
/** A token with exactly these header and claims, signed with `secret` (or given a literal signature). */
const forge = (header: object, claims: object, o: { secret?: string; signature?: string } = {}) => {
  const head = `${b64(header)}.${b64(claims)}`;
  return `${head}.${o.signature ?? hmac(head, o.secret)}`;
};
const ORG_FIRST = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const claims = (o: Record<string, unknown> = {}) => ({
  sub: 'user-1',
  org: ORG_FIRST,
  roles: ['Admin', 'SomethingElse'],
  iss: ISSUER,
  aud: AUDIENCE,
  iat: nowSec,
  nbf: nowSec,
  exp: nowSec + 3600,
  ...o,
});
const HS = { alg: 'HS256', typ: 'JWT' };
const ORG = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

describe('hs256Verifier', () => {
  const verifier = hs256Verifier({
    secret: SECRET,
    issuer: ISSUER,
    audience: AUDIENCE,
    clock: testClock(NOW.toISOString()),
  });
  const rejects = async (authorization: string | null, why: RegExp) => {
    const err = await verifier.verify(authorization).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((err as Error).message).toMatch(why);
  };

  it('accepts a token from signHs256 and keeps only the known roles', async () => {
    const token = signHs256(
      { sub: 'user-1', org: ORG, roles: ['Manager', 'Reader'] },
      { secret: SECRET, issuer: ISSUER, audience: AUDIENCE, now: NOW },
    );
    expect(await verifier.verify(`Bearer ${token}`)).toEqual({
      userId: 'user-1',
      organizationId: ORG,
      roles: ['Manager'],
    });
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ aud: ['other', AUDIENCE] }))}`)).toMatchObject({
      roles: ['Admin'],
    });
  });

  it('requires a bearer token', async () => {
    await rejects(null, /bearer token is required/);
    await rejects('', /bearer token is required/);
    await rejects(`Basic ${forge(HS, claims())}`, /bearer token is required/);
    await rejects('Bearer not-a-jwt', /bearer token is required/);
  });

  it('rejects alg "none", other algorithms, and malformed parts', async () => {
    await rejects(`Bearer ${forge({ alg: 'none', typ: 'JWT' }, claims(), { signature: 'x' })}`, /algorithm/);
    await rejects(`Bearer ${forge({ alg: 'HS512', typ: 'JWT' }, claims())}`, /algorithm/);
    await rejects(`Bearer ${forge({ alg: 'RS256', typ: 'JWT' }, claims())}`, /algorithm/);
    await rejects(`Bearer ${Buffer.from('{oops').toString('base64url')}.${b64(claims())}.sig`, /malformed/);
  });

  it('rejects a tampered payload, a wrong secret and a truncated signature', async () => {
    const good = forge(HS, claims());
    const [h, , s] = good.split('.');
    await rejects(`Bearer ${h}.${b64(claims({ org: 'org-2' }))}.${s}`, /signature/);
    await rejects(`Bearer ${forge(HS, claims(), { secret: `${SECRET}x` })}`, /signature/);
    await rejects(`Bearer ${good.slice(0, -4)}`, /signature/);
  });

  it('rejects expired and not-yet-valid tokens, with 60 s of leeway', async () => {
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ exp: nowSec - 60 }))}`)).toMatchObject({ userId: 'user-1' });
    await rejects(`Bearer ${forge(HS, claims({ exp: nowSec - 61 }))}`, /expired/);
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ nbf: nowSec + 60 }))}`)).toMatchObject({ userId: 'user-1' });
    await rejects(`Bearer ${forge(HS, claims({ nbf: nowSec + 61 }))}`, /not valid yet/);
  });

  it('rejects a wrong or missing issuer or audience', async () => {
    await rejects(`Bearer ${forge(HS, claims({ iss: 'someone-else' }))}`, /issuer/);
    await rejects(`Bearer ${forge(HS, claims({ iss: undefined }))}`, /issuer/);
    await rejects(`Bearer ${forge(HS, claims({ aud: 'another-api' }))}`, /audience/);
    await rejects(`Bearer ${forge(HS, claims({ aud: undefined }))}`, /audience/);
  });

  it('rejects tokens that lack required claims', async () => {
    for (const drop of ['sub', 'org', 'roles', 'exp']) {
      const c: Record<string, unknown> = claims();
      delete c[drop];
      await rejects(`Bearer ${forge(HS, c)}`, /required claims/);
    }
    await rejects(`Bearer ${forge(HS, claims({ org: '' }))}`, /not a GUID/);
    await rejects(`Bearer ${forge(HS, claims({ exp: String(nowSec + 3600) }))}`, /required claims/);
  });

  it('hardens the claims: org a GUID (stored lowercase), sub bounded, iat required and sane, lifetime capped, crit refused', async () => {
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ org: ORG.toUpperCase() }))}`)).toMatchObject({
      organizationId: ORG,
    });
    for (const org of ['acme', '../exports', `${ORG}/x`, '00000000-0000-0000-0000-00000000000g']) {
      await rejects(`Bearer ${forge(HS, claims({ org }))}`, /not a GUID/);
    }
    await rejects(`Bearer ${forge(HS, claims({ sub: 'x'.repeat(129) }))}`, /user id/);
    await rejects(`Bearer ${forge(HS, claims({ sub: 'a\u0000b' }))}`, /user id/);
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ sub: 'x'.repeat(128) }))}`)).toMatchObject({
      userId: 'x'.repeat(128),
    });
    await rejects(`Bearer ${forge(HS, claims({ iat: undefined }))}`, /issue time/);
    await rejects(`Bearer ${forge(HS, claims({ iat: nowSec + 61 }))}`, /future/);
    await rejects(`Bearer ${forge(HS, claims({ exp: nowSec + 24 * 3600 + 1 }))}`, /lives longer/);
    expect(await verifier.verify(`Bearer ${forge(HS, claims({ exp: nowSec + 24 * 3600 }))}`)).toMatchObject({ userId: 'user-1' });
    await rejects(`Bearer ${forge({ ...HS, crit: ['exp'] }, claims())}`, /critical/);
    await rejects(`Bearer ${forge({ ...HS, crit: [] }, claims())}`, /critical/);
  });
});
