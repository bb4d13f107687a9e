import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { normalizeGuid } from '../../domain/ids.js';
import { roles, type Principal, type Role } from '../../domain/principal.js';

/** What every verifier checks after the signature, the same way (HS256 locally, Entra in Azure). */
export interface ClaimRules {
  /** Now, in seconds since the epoch. */
  readonly nowSeconds: number;
  /** Allowed clock skew, seconds. */
  readonly leewaySeconds: number;
  /** The longest lifetime (exp − iat) a token may claim, seconds. */
  readonly maxLifetimeSeconds: number;
}

/** Clock skew allowed around `exp`, `nbf` and `iat`, seconds (both verifiers). */
export const TOKEN_LEEWAY_SECONDS = 60;

const unauthenticated = (why: string) => new AppError('UNAUTHENTICATED', why);

/** A user id: bounded, printable (it is stored and shown as the creator, and logged). */
const userId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u);

/** The header members we act on; `crit` names extensions a verifier must understand — we know none. */
export function checkHeader(header: unknown, algorithm: string): void {
  const h = (typeof header === 'object' && header !== null ? header : {}) as { alg?: unknown; crit?: unknown };
  if (h.alg !== algorithm) throw unauthenticated('The token algorithm is not accepted.');
  if (h.crit !== undefined) throw unauthenticated('The token names critical extensions this service does not support.');
}

/**
 * The caller from validated claims: `org` must be a GUID (stored lowercase, so one organization is
 * one tenant however its id is spelt — and a path segment of blob names can never be `..`); the
 * user id bounded; `exp`, `nbf` and `iat` sane and the lifetime at most the maximum; known roles only.
 */
export function principalFrom(
  claims: {
    sub: string;
    org?: string | undefined;
    roles: readonly string[];
    exp: number;
    nbf?: number | undefined;
    iat?: number | undefined;
  },
  rules: ClaimRules,
): Principal {
  const { nowSeconds: now, leewaySeconds: leeway } = rules;
  if (claims.exp + leeway < now) throw unauthenticated('The token has expired.');
  if (claims.nbf !== undefined && claims.nbf - leeway > now) throw unauthenticated('The token is not valid yet.');
  if (claims.iat === undefined) throw unauthenticated('The token lacks its issue time (iat).');
  if (claims.iat - leeway > now) throw unauthenticated('The token was issued in the future.');
  if (claims.exp - claims.iat > rules.maxLifetimeSeconds)
    throw unauthenticated('The token lives longer than this service accepts.');
  const organizationId = normalizeGuid(claims.org ?? '');
  if (!organizationId) throw unauthenticated('The token’s organization (org) is not a GUID.');
  if (!userId.safeParse(claims.sub).success) throw unauthenticated('The token’s user id is empty, too long or not printable.');
  const known = claims.roles.filter((r): r is Role => (roles as readonly string[]).includes(r));
  return { userId: claims.sub, organizationId, roles: known };
}
