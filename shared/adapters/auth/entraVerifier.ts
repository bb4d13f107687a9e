import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { roles, type Principal, type Role } from '../../domain/principal.js';
import type { Clock } from '../../ports/clock.js';
import type { TokenVerifier } from '../../ports/tokenVerifier.js';

export interface EntraOptions {
  /** e.g. https://login.microsoftonline.com/<tenant>/v2.0 */
  readonly issuer: string;
  readonly audience: string;
  readonly clock: Clock;
  /** Overrides discovery (tests); default `${issuer}/.well-known/openid-configuration` → jwks_uri. */
  readonly jwksUri?: string;
  readonly fetchJson?: (url: string) => Promise<unknown>;
}

const jwksSchema = z.object({ keys: z.array(z.object({ kid: z.string(), kty: z.string() }).passthrough()) });
const claimsSchema = z.object({
  sub: z.string(),
  oid: z.string().optional(),
  org: z.string().optional(),
  tid: z.string().optional(),
  roles: z.array(z.string()).default([]),
  exp: z.number(),
  nbf: z.number().optional(),
  iss: z.string(),
  aud: z.union([z.string(), z.array(z.string())]),
});

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', why);
const defaultFetch = async (url: string): Promise<unknown> => {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status}`);
  return res.json();
};

/**
 * Production tokens: RS256 JWTs from Entra ID, checked against the tenant's JWKS (cached, refreshed
 * when an unknown `kid` appears), issuer, audience and lifetime. The organization comes from the
 * `org` claim (an optional claim / claims-mapping in the app registration), app roles from `roles`.
 */
export function entraVerifier(o: EntraOptions): TokenVerifier {
  const fetchJson = o.fetchJson ?? defaultFetch;
  let keys = new Map<string, JsonWebKey>();
  let fetchedAt = 0;

  async function keyFor(kid: string): Promise<JsonWebKey | undefined> {
    if (!keys.has(kid) && Date.now() - fetchedAt > 60_000) {
      const uri =
        o.jwksUri ??
        z.object({ jwks_uri: z.string() }).parse(await fetchJson(`${o.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).jwks_uri;
      const jwks = jwksSchema.parse(await fetchJson(uri));
      keys = new Map(jwks.keys.map((k) => [k.kid, k as unknown as JsonWebKey]));
      fetchedAt = Date.now();
    }
    return keys.get(kid);
  }

  return {
    async verify(authorization) {
      const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
      if (!m) throw unauthenticated('A bearer token is required.');
      const [, h, p, s] = m as unknown as [string, string, string, string];
      let header: { alg?: unknown; kid?: unknown };
      let payload: unknown;
      try {
        header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
        payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      } catch {
        throw unauthenticated('The token is malformed.');
      }
      if (header.alg !== 'RS256' || typeof header.kid !== 'string') throw unauthenticated('The token algorithm is not accepted.');
      const jwk = await keyFor(header.kid).catch(() => {
        throw new AppError('UNAUTHENTICATED', 'The token signing keys could not be fetched.');
      });
      if (!jwk) throw unauthenticated('The token signing key is unknown.');
      const ok = createVerify('RSA-SHA256').update(`${h}.${p}`).verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(s, 'base64url'));
      if (!ok) throw unauthenticated('The token signature is invalid.');
      const c = claimsSchema.safeParse(payload);
      if (!c.success || !c.data.org) throw unauthenticated('The token lacks required claims.');
      const now = Math.floor(o.clock.now().getTime() / 1000);
      if (c.data.exp + 60 < now) throw unauthenticated('The token has expired.');
      if (c.data.nbf !== undefined && c.data.nbf - 60 > now) throw unauthenticated('The token is not valid yet.');
      if (c.data.iss !== o.issuer) throw unauthenticated('The token issuer is not accepted.');
      const aud = Array.isArray(c.data.aud) ? c.data.aud : [c.data.aud];
      if (!aud.includes(o.audience)) throw unauthenticated('The token audience is not accepted.');
      const known = c.data.roles.filter((r): r is Role => (roles as readonly string[]).includes(r));
      return { userId: c.data.oid ?? c.data.sub, organizationId: c.data.org, roles: known } satisfies Principal;
    },
  };
}
