import { createPublicKey, createVerify, type JsonWebKey } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { checkHeader, principalFrom, TOKEN_LEEWAY_SECONDS } from './claims.js';
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
  /** Longest lifetime (exp − iat) accepted, seconds (default 24 h; Entra issues 60–90 minutes). */
  readonly maxLifetimeSeconds?: number;
}

const jwksSchema = z.object({ keys: z.array(z.unknown()) });
const jwkSchema = z.object({ kid: z.string(), kty: z.string() }).passthrough();
const claimsSchema = z.object({
  sub: z.string(),
  oid: z.string().optional(),
  org: z.string().optional(),
  tid: z.string().optional(),
  roles: z.array(z.string()).max(100).default([]),
  exp: z.number(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
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
export function entraVerifier(options: EntraOptions): TokenVerifier {
  const fetchJson = options.fetchJson ?? defaultFetch;
  let keys = new Map<string, JsonWebKey>();
  let fetchedAt = Number.NEGATIVE_INFINITY;
  let inFlight: Promise<void> | undefined;

  async function refresh(): Promise<void> {
    const uri =
      options.jwksUri ??
      z
        .object({ jwks_uri: z.string() })
        .parse(await fetchJson(`${options.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`)).jwks_uri;
    const jwks = jwksSchema.parse(await fetchJson(uri));
    // One malformed entry must not take the whole key set down.
    const usable = jwks.keys.flatMap((k) => {
      const r = jwkSchema.safeParse(k);
      return r.success ? [[r.data.kid, r.data] as const] : [];
    });
    keys = new Map(usable);
    fetchedAt = options.clock.now().getTime();
  }

  /** Refreshes on an unknown kid (key rotation), at most once a minute; concurrent callers share one fetch. */
  async function keyFor(kid: string): Promise<JsonWebKey | undefined> {
    if (!keys.has(kid) && options.clock.now().getTime() - fetchedAt > 60_000) {
      inFlight ??= refresh().finally(() => (inFlight = undefined));
      await inFlight;
    }
    return keys.get(kid);
  }

  const signatureValid = (jwk: JsonWebKey, signed: string, signature: string): boolean => {
    // Node's 'RSA-SHA256' verify would check an ECDSA signature against an EC key: RS256 means RSA only.
    if (jwk.kty !== 'RSA') return false;
    try {
      return createVerify('RSA-SHA256')
        .update(signed)
        .verify(createPublicKey({ key: jwk, format: 'jwk' }), Buffer.from(signature, 'base64url'));
    } catch {
      return false; // a key Node cannot use (wrong type, broken) verifies nothing
    }
  };

  return {
    async verify(authorization) {
      const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
      if (!m) throw unauthenticated('A bearer token is required.');
      const [, h, p, s] = m as unknown as [string, string, string, string];
      let header: { alg?: unknown; kid?: unknown; crit?: unknown };
      let payload: unknown;
      try {
        header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as typeof header;
        payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      } catch {
        throw unauthenticated('The token is malformed.');
      }
      checkHeader(header, 'RS256');
      if (typeof header.kid !== 'string') throw unauthenticated('The token algorithm is not accepted.');
      const jwk = await keyFor(header.kid).catch(() => {
        // Our outage, not the caller's fault: 503 so clients retry instead of re-authenticating.
        throw new AppError('AUTH_UNAVAILABLE', 'The token signing keys could not be fetched; try again shortly.', {
          retryable: true,
        });
      });
      if (!jwk) throw unauthenticated('The token signing key is unknown.');
      if (!signatureValid(jwk, `${h}.${p}`, s)) throw unauthenticated('The token signature is invalid.');
      const c = claimsSchema.safeParse(payload);
      if (!c.success || !c.data.org) throw unauthenticated('The token lacks required claims.');
      if (c.data.iss !== options.issuer) throw unauthenticated('The token issuer is not accepted.');
      const aud = Array.isArray(c.data.aud) ? c.data.aud : [c.data.aud];
      if (!aud.includes(options.audience)) throw unauthenticated('The token audience is not accepted.');
      return principalFrom(
        { ...c.data, sub: c.data.oid ?? c.data.sub },
        {
          nowSeconds: Math.floor(options.clock.now().getTime() / 1000),
          leewaySeconds: TOKEN_LEEWAY_SECONDS,
          maxLifetimeSeconds: options.maxLifetimeSeconds ?? 24 * 3600,
        },
      );
    },
  };
}
