import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { checkHeader, principalFrom, TOKEN_LEEWAY_SECONDS } from './claims.js';
import type { TokenVerifier } from '../../ports/tokenVerifier.js';
import type { Clock } from '../../ports/clock.js';

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Claims we require; `roles` may carry other app roles, we keep the ones we know. */
const claimsSchema = z.object({
  sub: z.string(),
  org: z.string(),
  roles: z.array(z.string()).max(100),
  exp: z.number(),
  nbf: z.number().optional(),
  iat: z.number().optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});

/** Default longest token lifetime (exp − iat) accepted, seconds. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;

export interface Hs256Options {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly clock: Clock;
  /** Allowed clock skew, seconds. */
  readonly leewaySeconds?: number;
  /** Longest lifetime (exp − iat) accepted, seconds. */
  readonly maxLifetimeSeconds?: number;
}

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', why);

/**
 * Signs a local development token (the `npm run token` CLI and tests). `header` and `extra` add
 * members to the header and claims (tests of what the verifier refuses).
 */
export function signHs256(
  claims: { sub: string; org: string; roles: readonly string[] },
  options: Pick<Hs256Options, 'secret' | 'issuer' | 'audience'> & {
    now: Date;
    ttlSeconds?: number;
    header?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  },
): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT', ...options.header }));
  const payload = b64url(
    JSON.stringify({
      ...claims,
      iss: options.issuer,
      aud: options.audience,
      iat,
      nbf: iat,
      exp: iat + (options.ttlSeconds ?? 8 * 3600),
      ...options.extra,
    }),
  );
  const sig = createHmac('sha256', options.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** Verifies HS256 JWTs: signature, alg, exp/nbf with leeway, issuer, audience, required claims. */
export function hs256Verifier(options: Hs256Options): TokenVerifier {
  const leeway = options.leewaySeconds ?? TOKEN_LEEWAY_SECONDS;
  return {
    async verify(authorization) {
      const m = /^Bearer ([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(authorization?.trim() ?? '');
      if (!m) throw unauthenticated('A bearer token is required.');
      const [, h, p, s] = m as unknown as [string, string, string, string];
      let header: unknown;
      let payload: unknown;
      try {
        header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
        payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
      } catch {
        throw unauthenticated('The token is malformed.');
      }
      checkHeader(header, 'HS256');
      const expected = createHmac('sha256', options.secret).update(`${h}.${p}`).digest();
      const given = Buffer.from(s, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw unauthenticated('The token signature is invalid.');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw unauthenticated('The token lacks required claims.');
      const c = claims.data;
      if (c.iss !== options.issuer) throw unauthenticated('The token issuer is not accepted.');
      const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
      if (!aud.includes(options.audience)) throw unauthenticated('The token audience is not accepted.');
      return principalFrom(c, {
        nowSeconds: Math.floor(options.clock.now().getTime() / 1000),
        leewaySeconds: leeway,
        maxLifetimeSeconds: options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS,
      });
    },
  };
}
