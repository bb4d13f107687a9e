import type { Logger } from '../ports/logger.js';
import type { AppDeps } from './deps.js';

/**
 * Deletes the files of Completed jobs past `expiresAt` and marks them Expired. Idempotent: a blob
 * already gone is fine, and the Expired transition is conditional on expiresAt having passed, so a
 * file is never deleted early. The storage lifecycle rule is the backstop if this never ran.
 */
export async function purgeExpired(deps: Pick<AppDeps, 'repo' | 'blobs' | 'clock'>, log: Logger, batch = 100): Promise<number> {
  let purged = 0;
  for (;;) {
    const now = deps.clock.now().toISOString();
    const due = await deps.repo.findExpired(now, batch);
    for (const job of due) {
      if (job.blobName) await deps.blobs.delete(job.blobName);
      if (await deps.repo.markExpired(job.id, now)) purged++;
    }
    if (due.length < batch) break;
  }
  if (purged > 0) log.info('purge.expired', { count: purged });
  return purged;
}
