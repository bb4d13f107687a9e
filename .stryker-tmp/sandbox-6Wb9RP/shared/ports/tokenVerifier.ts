// @ts-nocheck
import type { Principal } from '../domain/principal.js';

/**
 * Turns an `Authorization` header into a Principal, or throws AppError UNAUTHENTICATED.
 * Local: HS256 with a dev secret. Production: Entra ID tokens checked against JWKS.
 */
export interface TokenVerifier {
  verify(authorization: string | null): Promise<Principal>;
}
