// @ts-nocheck
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { roles, type Principal, type Role } from '../../domain/principal.js';
import type { TokenVerifier } from '../../ports/tokenVerifier.js';
import type { Clock } from '../../ports/clock.js';

const b64url = (b: Buffer | string): string => Buffer.from(b).toString('base64url');

/** Claims we require; `roles` may carry other app roles, we keep the ones we know. */
const claimsSchema = z.object({
  sub: z.string().min(1).max(128),
  org: z.string().min(1).max(64),
  roles: z.array(z.string()),
  exp: z.number(),
  nbf: z.number().optional(),
  iss: z.string().optional(),
  aud: z.union([z.string(), z.array(z.string())]).optional(),
});

export interface Hs256Options {
  readonly secret: string;
  readonly issuer: string;
  readonly audience: string;
  readonly clock: Clock;
  /** Allowed clock skew, seconds. */
  readonly leewaySeconds?: number;
}

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', why);

/** Signs a local development token (the `npm run token` CLI and tests). */
export function signHs256(
  claims: { sub: string; org: string; roles: readonly string[] },
  options: Pick<Hs256Options, 'secret' | 'issuer' | 'audience'> & { now: Date; ttlSeconds?: number },
): string {
  const iat = Math.floor(options.now.getTime() / 1000);
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(
    JSON.stringify({
      ...claims,
      iss: options.issuer,
      aud: options.audience,
      iat,
      nbf: iat,
      exp: iat + (options.ttlSeconds ?? 8 * 3600),
    }),
  );
  const sig = createHmac('sha256', options.secret).update(`${header}.${payload}`).digest('base64url');
  return `${header}.${payload}.${sig}`;
}

/** Verifies HS256 JWTs: signature, alg, exp/nbf with leeway, issuer, audience, required claims. */
export function hs256Verifier(options: Hs256Options): TokenVerifier {
  const leeway = options.leewaySeconds ?? 60;
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
      if ((header as { alg?: unknown }).alg !== 'HS256') throw unauthenticated('The token algorithm is not accepted.');
      const expected = createHmac('sha256', options.secret).update(`${h}.${p}`).digest();
      const given = Buffer.from(s, 'base64url');
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
        throw unauthenticated('The token signature is invalid.');
      }
      const claims = claimsSchema.safeParse(payload);
      if (!claims.success) throw unauthenticated('The token lacks required claims.');
      const c = claims.data;
      const now = Math.floor(options.clock.now().getTime() / 1000);
      if (c.exp + leeway < now) throw unauthenticated('The token has expired.');
      if (c.nbf !== undefined && c.nbf - leeway > now) throw unauthenticated('The token is not valid yet.');
      if (c.iss !== options.issuer) throw unauthenticated('The token issuer is not accepted.');
      const aud = Array.isArray(c.aud) ? c.aud : [c.aud];
      if (!aud.includes(options.audience)) throw unauthenticated('The token audience is not accepted.');
      const known = c.roles.filter((r): r is Role => (roles as readonly string[]).includes(r));
      return { userId: c.sub, organizationId: c.org, roles: known } satisfies Principal;
    },
  };
}
