// @ts-nocheck
import { blobNameOf, keepsNoFile } from '../domain/files.js';
import type { ExportJob } from '../domain/job.js';
import type { Logger } from '../ports/logger.js';
import type { Services } from './services.js';

/**
 * Enforces "a job that did not complete keeps no file" after a job ended Failed or Cancelled: a
 * worker may have committed its file just before it died or was fenced out. Best effort — the
 * storage lifecycle rule removes anything this misses. True when the job is one that keeps no file
 * (and its file was deleted or its deletion deferred); false when it may keep one.
 */
export async function discardFile(services: Pick<Services, 'repo' | 'blobs'>, jobId: string, log: Logger): Promise<boolean> {
  const job: ExportJob | undefined = await services.repo.get(jobId);
  if (!job || !keepsNoFile(job.status)) return false;
  await services.blobs.delete(blobNameOf(job)).catch(() => log.warn('file cleanup deferred', { jobId }));
  return true;
}
