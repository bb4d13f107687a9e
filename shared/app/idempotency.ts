import { createHash } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import { holdsIdempotencyKey, lifecycle } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import type { Services } from './services.js';

/** How long a key is honoured: a retry of a timed-out request comes within minutes, not days. */
export const IDEMPOTENCY_WINDOW_HOURS = 24;

/** A key as the header carries it: 1–255 visible ASCII characters (a UUID is the usual choice). */
const KEY = /^[\x21-\x7e]{1,255}$/;

/**
 * The stored form of a client's key: a hash of who sent it and the key, so two users (or two
 * organizations' users with the same id) never share a key, and no client text is stored.
 */
export function scopedKey(principal: Principal, key: string): string {
  if (!KEY.test(key)) {
    throw new AppError('VALIDATION_FAILED', 'The Idempotency-Key header is invalid.', {
      details: [{ field: 'Idempotency-Key', message: 'must be 1–255 visible ASCII characters' }],
    });
  }
  return sha256(`${principal.organizationId}\n${principal.userId}\n${key}`);
}

/** What a key was first used for: the operation and its canonical (validated, defaulted) request. */
export const requestHashOf = (operation: string, request: unknown): string => sha256(`${operation}\n${canonical(request)}`);

const sha256 = (s: string): string => createHash('sha256').update(s, 'utf8').digest('hex');

/** JSON with object keys sorted, so equal requests hash equally whatever order their fields came in. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.entries(v as Record<string, unknown>)
      .filter(([, x]) => x !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v);
}

/**
 * The job an earlier request with this key created, if the key is still honoured: the same
 * request gets that job back; another request with the same key is refused (422). A key older
 * than the window is released first, so it may be used again.
 */
export async function replayOf(
  services: Pick<Services, 'repo' | 'clock'>,
  key: string,
  requestHash: string,
): Promise<ExportJob | undefined> {
  const [holder] = await services.repo.find(holdsIdempotencyKey(key), { orderBy: 'createdAt', limit: 1 });
  if (!holder) return undefined;
  const cutoff = new Date(services.clock.now().getTime() - IDEMPOTENCY_WINDOW_HOURS * 3600_000).toISOString();
  if (holder.createdAt < cutoff) {
    await services.repo.apply(holder.id, lifecycle.releaseIdempotencyKey(cutoff));
    return undefined;
  }
  if (holder.requestHash !== requestHash) {
    throw new AppError(
      'IDEMPOTENCY_KEY_REUSED',
      'This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.',
    );
  }
  return holder;
}
