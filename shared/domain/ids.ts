/** Identifiers: GUIDs as the API and the identity provider spell them. */

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The pattern of a GUID (any version), for schemas and documentation. */
export const GUID_PATTERN = GUID.source;

export const isGuid = (s: string): boolean => GUID.test(s);

/**
 * A GUID in its one stored spelling (lowercase), or undefined when `s` is not a GUID. Organization
 * ids are compared as text everywhere, so `3F25…` and `3f25…` must never become two tenants.
 */
export const normalizeGuid = (s: string): string | undefined => (isGuid(s) ? s.toLowerCase() : undefined);
