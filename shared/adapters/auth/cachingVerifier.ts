import { ExpiringCache } from '../../domain/expiringCache.js';
import type { Principal } from '../../domain/principal.js';
import type { Clock } from '../../ports/clock.js';
import type { TokenVerifier } from '../../ports/tokenVerifier.js';
import { TOKEN_LEEWAY_SECONDS } from './claims.js';

export interface CachingVerifierOptions {
  readonly clock: Clock;
  /** Tokens remembered at most (least recently used dropped first). */
  readonly maxEntries?: number;
  /** Longest a verification is reused, whatever the token's expiry, ms. */
  readonly maxReuseMs?: number;
  /** The clock skew the verifier allows past `exp`, seconds (both verifiers: 60). */
  readonly leewaySeconds?: number;
}

/** Longer headers are verified every time rather than held (Entra tokens are ≈ 1.5–2.5 KB). */
const MAX_CACHED_HEADER_CHARS = 8 * 1024;

/** `exp` of a token the inner verifier has just accepted (so its payload is authentic JSON). */
function expiryOf(authorization: string): number | undefined {
  const payload = authorization.trim().split('.')[1];
  if (!payload) return undefined;
  try {
    const { exp } = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof exp === 'number' ? exp : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Verifies each token once and reuses the result until the token would be refused as expired
 * (`exp` + leeway, the same instant the verifier itself would refuse it), at most `maxReuseMs`
 * (10 minutes). The verdict depends only on the token and the time — signature, issuer, audience,
 * `nbf`/`iat` (once passed, they stay passed), lifetime, claims — so a token accepted now is accepted
 * until then, and the cache changes no answer. Only acceptances are kept: a refused token is checked
 * again each time (it cannot fill the cache). Roles are still checked at every use, from the
 * principal. The key is the whole header, so a token that differs in one character is a new token.
 */
export function cachingVerifier(inner: TokenVerifier, options: CachingVerifierOptions): TokenVerifier {
  const cache = new ExpiringCache<string, Principal>(options.maxEntries ?? 1000);
  const maxReuseMs = options.maxReuseMs ?? 10 * 60_000;
  const leewayMs = (options.leewaySeconds ?? TOKEN_LEEWAY_SECONDS) * 1000;
  return {
    async verify(authorization) {
      if (authorization === null || authorization.length > MAX_CACHED_HEADER_CHARS) return inner.verify(authorization);
      const now = options.clock.now().getTime();
      const known = cache.get(authorization, now);
      if (known) return known;
      const verified = await inner.verify(authorization);
      // One object serves every request with this token: none of them may change it for the next.
      const principal: Principal = Object.freeze({ ...verified, roles: Object.freeze([...verified.roles]) });
      const exp = expiryOf(authorization);
      if (exp !== undefined) cache.set(authorization, principal, Math.min(exp * 1000 + leewayMs, now + maxReuseMs), now);
      return principal;
    },
  };
}
