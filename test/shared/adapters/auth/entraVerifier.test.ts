import { createHmac, createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { beforeEach, describe, expect, it } from 'vitest';
import { entraVerifier } from '../../../../shared/adapters/auth/entraVerifier.js';
import { testClock } from '../../../support/testClock.js';

const TENANT = 'dd0d0df1-06c3-436c-8034-4b9a153097ce';
const ISSUER = `https://login.microsoftonline.com/${TENANT}/v2.0`;
const AUDIENCE = 'api://portal-export';
const JWKS_URI = `https://login.microsoftonline.com/${TENANT}/discovery/v2.0/keys`;
const START = '2026-07-01T12:00:00.000Z';
const nowSec = Math.floor(Date.parse(START) / 1000);

const rsa = () => generateKeyPairSync('rsa', { modulusLength: 2048 });
const keyA = rsa();
const keyB = rsa();
const jwk = (publicKey: KeyObject, kid: string) => ({
  ...publicKey.export({ format: 'jwk' }),
  kid,
  use: 'sig',
  // Entra's JWKS entries carry these too; the verifier must ignore them.
  x5t: kid,
  issuer: ISSUER,
});

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
function sign(claims: Record<string, unknown>, o: { kid?: string; alg?: string; key?: KeyObject } = {}): string {
  const head = `${b64({ typ: 'JWT', alg: o.alg ?? 'RS256', kid: o.kid ?? 'key-a' })}.${b64(claims)}`;
  return `${head}.${createSign('RSA-SHA256')
    .update(head)
    .sign(o.key ?? keyA.privateKey, 'base64url')}`;
}
const claims = (o: Record<string, unknown> = {}) => ({
  aud: AUDIENCE,
  iss: ISSUER,
  iat: nowSec,
  nbf: nowSec,
  exp: nowSec + 3600,
  sub: 'pairwise-subject',
  oid: '23657296-5cd5-45b0-a809-d972a7f4dfe1',
  tid: TENANT,
  org: 'AB0D0DF1-06C3-436C-8034-4B9A153097CE',
  roles: ['Manager', 'Exports.Read'],
  ...o,
});

describe('entraVerifier', () => {
  let clock: ReturnType<typeof testClock>;
  let fetched: string[];
  let jwks: { keys: object[] };
  let failFetch: boolean;
  const make = (o: { jwksUri?: string } = {}) =>
    entraVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      clock,
      ...o,
      fetchJson: async (url) => {
        fetched.push(url);
        if (failFetch) throw new Error('network down');
        if (url === `${ISSUER}/.well-known/openid-configuration`) return { issuer: ISSUER, jwks_uri: JWKS_URI };
        if (url === JWKS_URI) return jwks;
        throw new Error(`unexpected ${url}`);
      },
    });

  beforeEach(() => {
    clock = testClock(START);
    fetched = [];
    jwks = { keys: [jwk(keyA.publicKey, 'key-a')] };
    failFetch = false;
  });

  const rejects = async (v: ReturnType<typeof make>, token: string, why: RegExp) => {
    const err = await v.verify(`Bearer ${token}`).catch((e: unknown) => e);
    expect(err, String(err)).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect((err as Error).message).toMatch(why);
  };

  it('accepts a valid token: user from oid, organization from org, only known roles', async () => {
    const v = make();
    expect(await v.verify(`Bearer ${sign(claims())}`)).toEqual({
      userId: '23657296-5cd5-45b0-a809-d972a7f4dfe1',
      organizationId: 'ab0d0df1-06c3-436c-8034-4b9a153097ce',
      roles: ['Manager'],
    });
    expect(await v.verify(`Bearer ${sign(claims({ oid: undefined, aud: ['x', AUDIENCE] }))}`)).toMatchObject({
      userId: 'pairwise-subject',
    });
    // Discovery, then the key set, once; later tokens use the cache.
    expect(fetched).toEqual([`${ISSUER}/.well-known/openid-configuration`, JWKS_URI]);
  });

  it('rejects an unknown kid, refreshing the key set at most once a minute', async () => {
    const v = make({ jwksUri: JWKS_URI });
    await v.verify(`Bearer ${sign(claims())}`);
    jwks = {
      keys: [jwk(keyA.publicKey, 'key-a'), jwk(keyB.publicKey, 'key-b')],
    };
    const rotated = sign(claims(), { kid: 'key-b', key: keyB.privateKey });
    await rejects(v, rotated, /signing key is unknown/);
    await rejects(v, sign(claims(), { kid: 'nope' }), /signing key is unknown/);
    expect(fetched).toEqual([JWKS_URI]);
    // A minute later an unknown kid triggers one refresh, which finds the rotated key.
    clock.advance(61);
    expect(await v.verify(`Bearer ${rotated}`)).toMatchObject({
      organizationId: 'ab0d0df1-06c3-436c-8034-4b9a153097ce',
    });
    await rejects(v, sign(claims(), { kid: 'nope' }), /signing key is unknown/);
    expect(fetched).toEqual([JWKS_URI, JWKS_URI]);
  });

  it('shares one key-set fetch between concurrent first requests', async () => {
    const v = make({ jwksUri: JWKS_URI });
    const token = `Bearer ${sign(claims())}`;
    await Promise.all([v.verify(token), v.verify(token), v.verify(token)]);
    expect(fetched).toEqual([JWKS_URI]);
  });

  it('rejects a bad signature: another key under the same kid, or a tampered payload', async () => {
    const v = make();
    await rejects(v, sign(claims(), { key: keyB.privateKey }), /signature is invalid/);
    const [h, , s] = sign(claims()).split('.');
    await rejects(v, `${h}.${b64(claims({ org: 'org-2' }))}.${s}`, /signature is invalid/);
    await rejects(v, `${h}.${b64(claims())}.${'A'.repeat(10)}`, /signature is invalid/);
  });

  it('rejects other algorithms, including HS256 keyed with the public key and alg none', async () => {
    const v = make();
    const head = `${b64({ alg: 'HS256', kid: 'key-a' })}.${b64(claims())}`;
    const pem = keyA.publicKey.export({ type: 'spki', format: 'pem' });
    await rejects(v, `${head}.${createHmac('sha256', pem).update(head).digest('base64url')}`, /algorithm/);
    await rejects(v, `${b64({ alg: 'none', kid: 'key-a' })}.${b64(claims())}.x`, /algorithm/);
    await rejects(v, `${b64({ alg: 'RS256' })}.${b64(claims())}.x`, /algorithm/);
  });

  it('rejects expired and not-yet-valid tokens, with 60 s of leeway', async () => {
    const v = make();
    expect(await v.verify(`Bearer ${sign(claims({ exp: nowSec - 60 }))}`)).toMatchObject({
      organizationId: 'ab0d0df1-06c3-436c-8034-4b9a153097ce',
    });
    await rejects(v, sign(claims({ exp: nowSec - 61 })), /expired/);
    await rejects(v, sign(claims({ nbf: nowSec + 61 })), /not valid yet/);
    clock.advance(3600 + 61);
    await rejects(v, sign(claims()), /expired/);
  });

  it('rejects a wrong audience or issuer (another tenant included)', async () => {
    const v = make();
    await rejects(v, sign(claims({ aud: 'api://someone-else' })), /audience/);
    await rejects(v, sign(claims({ aud: [] })), /audience/);
    await rejects(
      v,
      sign(
        claims({
          iss: 'https://login.microsoftonline.com/11111111-2222-3333-4444-555555555555/v2.0',
        }),
      ),
      /issuer/,
    );
    await rejects(v, sign(claims({ iss: `https://sts.windows.net/${TENANT}/` })), /issuer/);
  });

  it('rejects a token without an org claim, or with required claims missing', async () => {
    const v = make();
    await rejects(v, sign(claims({ org: undefined })), /required claims/);
    await rejects(v, sign(claims({ sub: undefined })), /required claims/);
    await rejects(v, sign(claims({ exp: undefined })), /required claims/);
    await rejects(v, sign(claims({ roles: 'Manager' })), /required claims/);
  });

  it('answers 503 AUTH_UNAVAILABLE (retryable) when keys cannot be fetched, UNAUTHENTICATED when they cannot be used', async () => {
    failFetch = true;
    const outage = await make()
      .verify(`Bearer ${sign(claims())}`)
      .catch((e: unknown) => e);
    expect(outage).toMatchObject({ code: 'AUTH_UNAVAILABLE', retryable: true });
    expect((outage as Error).message).toMatch(/could not be fetched/);
    failFetch = false;
    // A key of another type, or a broken one, under the token's kid.
    const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    jwks = {
      keys: [{ ...ec.publicKey.export({ format: 'jwk' }), kid: 'key-a' }],
    };
    await rejects(make(), sign(claims()), /signature is invalid|signing key/);
    // Even a token really signed by that EC key (ECDSA) passes only as RS256 if the key type is ignored.
    await rejects(make(), sign(claims(), { key: ec.privateKey }), /signature is invalid|signing key/);
    jwks = { keys: [{ kty: 'RSA', kid: 'key-a', n: 'AQAB' }] };
    await rejects(make(), sign(claims()), /signature is invalid|signing key/);
    // A key set with one malformed entry still serves the good ones.
    jwks = { keys: [{ kty: 'RSA' }, jwk(keyA.publicKey, 'key-a')] };
    expect(await make().verify(`Bearer ${sign(claims())}`)).toMatchObject({
      organizationId: 'ab0d0df1-06c3-436c-8034-4b9a153097ce',
    });
  });

  it('requires a bearer token', async () => {
    const v = make();
    await expect(v.verify(null)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    await expect(v.verify(`Basic ${sign(claims())}`)).rejects.toMatchObject({
      code: 'UNAUTHENTICATED',
    });
    expect(fetched).toEqual([]);
  });
});
