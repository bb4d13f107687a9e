// @ts-nocheck
import { fileExpired, lifecycle } from '../domain/lifecycle.js';
import type { Logger } from '../ports/logger.js';
import type { Services } from './services.js';

/**
 * Deletes the files of Completed jobs past `expiresAt` and marks them Expired. Idempotent: a blob
 * already gone is fine, and `expire` is conditional on expiresAt having passed, so a file is never
 * deleted early. The storage lifecycle rule is the backstop if this never ran.
 */
export async function purgeExports(
  services: Pick<Services, 'repo' | 'blobs' | 'clock'>,
  log: Logger,
  batch = 100,
): Promise<number> {
  let purged = 0;
  for (;;) {
    const now = services.clock.now().toISOString();
    const due = await services.repo.find(fileExpired(now), { orderBy: 'expiresAt', limit: batch });
    for (const job of due) {
      if (job.blobName) await services.blobs.delete(job.blobName);
      if (await services.repo.apply(job.id, lifecycle.expire(now))) purged++;
    }
    if (due.length < batch) break;
  }
  if (purged > 0) log.info('purge.expired', { count: purged });
  return purged;
}
