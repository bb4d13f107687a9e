import type { Readable } from 'node:stream';
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import type { ByteRange } from '../ports/blobStore.js';
import { findVisibleJob } from './findVisibleJob.js';
import type { Services } from './services.js';

export function assertDownloadable(job: ExportJob): asserts job is ExportJob & { blobName: string } {
  if (job.status === 'Expired')
    throw new AppError('JOB_EXPIRED', 'The export file has expired and was deleted. Create a new export.');
  if (job.status !== 'Completed' || !job.blobName) {
    throw new AppError('JOB_NOT_COMPLETED', `The job is ${job.status}; the file is available once it is Completed.`);
  }
}

/** Opens the finished file (or one byte range of it) for streaming through the API. */
export async function downloadExport(
  services: Pick<Services, 'repo' | 'blobs'>,
  principal: Principal,
  id: string,
  range?: ByteRange,
): Promise<{ job: ExportJob; stream: Readable; contentLength: number }> {
  const job = await findVisibleJob(services, principal, id);
  assertDownloadable(job);
  try {
    return { job, ...(await services.blobs.openRead(job.blobName, range)) };
  } catch (e) {
    // The purge may have deleted it a moment ago.
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw new AppError('JOB_EXPIRED', 'The export file has expired and was deleted.');
    throw e;
  }
}

/** A fresh, read-only, short-lived SAS URL for a Completed job; null otherwise. */
export async function downloadUrlFor(
  services: Pick<Services, 'blobs' | 'clock' | 'policy'>,
  job: ExportJob,
): Promise<string | null> {
  if (job.status !== 'Completed' || !job.blobName || !job.expiresAt) return null;
  const sasEnd = services.clock.now().getTime() + services.policy.sasTtlMinutes * 60_000;
  const expiresOn = new Date(Math.min(sasEnd, Date.parse(job.expiresAt)));
  return services.blobs.readUrl(job.blobName, expiresOn, { contentType: job.contentType, fileName: job.fileName });
}
