import { ExpiringCache } from '../domain/expiringCache.js';

/**
 * What the job GET remembers between requests, in this process only (each instance in Azure keeps
 * its own, so nothing here is shared across tenants or instances). Every entry is bounded in time by
 * a rule of the domain (`shared/domain/files.ts`) and in number by the LRU; README "Performance"
 * states each window and why it is safe.
 */
export interface ReadCaches {
  /**
   * Download URLs already handed out, per job (and its completion), caller and client address: the
   * same caller polling gets the same URL back, recorded once in the audit trail when it was minted.
   */
  readonly downloadUrls: ExpiringCache<string, string>;
  /** Completed jobs' files found at their recorded size, per blob and size (`FILE_CHECK_VALID_MS`). */
  readonly checkedFiles: ExpiringCache<string, true>;
}

/** Entries each cache holds at most: a few MB at worst. */
const MAX_ENTRIES = 10_000;

export function readCaches(): ReadCaches {
  return { downloadUrls: new ExpiringCache(MAX_ENTRIES), checkedFiles: new ExpiringCache(MAX_ENTRIES) };
}
