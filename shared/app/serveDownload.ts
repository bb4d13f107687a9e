import type { Readable } from 'node:stream';
import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import type { ByteRange } from '../ports/blobStore.js';
import type { Logger } from '../ports/logger.js';
import { assertDownloadable, assertFilePresent, downloadExport, downloadUrlFor } from './downloadExport.js';
import { findVisibleJob } from './findVisibleJob.js';
import { recordAudit } from './recordAudit.js';
import type { Services } from './services.js';

/** A Completed job whose file may be served: what a download answers with before any byte moves. */
export type DownloadableJob = ExportJob & { readonly blobName: string; readonly sizeBytes: number };

/**
 * The job behind `GET|HEAD /api/export-jobs/{id}/download`, checked (visible, Completed) but not
 * yet opened: its size and hash are what HEAD, Range and ETag answer from.
 */
export async function openDownload(services: Pick<Services, 'repo'>, principal: Principal, id: string): Promise<DownloadableJob> {
  const job = await findVisibleJob(services, principal, id);
  assertDownloadable(job);
  if (job.sizeBytes === null) throw new AppError('INTERNAL', 'A Completed job has no size.');
  return job as DownloadableJob;
}

/**
 * Large files are not streamed through the API: the Functions host (@azure/functions 4.16.5 with
 * HTTP streaming) writes a body without waiting for a slow client, so a multi-GB file would pile
 * up in the worker's memory. Above the threshold the client is sent (303) to a fresh read-only SAS
 * URL, and Blob Storage serves the bytes (and any Range) itself.
 */
export const redirects = (job: DownloadableJob, policy: Services['policy']): boolean =>
  job.sizeBytes > policy.downloadRedirectBytes;

/**
 * A fresh SAS URL for the download redirect, recorded in the audit trail before it is handed out.
 * The file is checked first: a URL to a lost file would answer 404 from storage.
 */
export async function redirectDownload(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock' | 'policy' | 'audit' | 'logger'>,
  principal: Principal,
  job: DownloadableJob,
  origin: RequestOrigin = unknownOrigin,
  log: Logger = services.logger,
): Promise<string> {
  await assertFilePresent(services, job, log);
  const url = await downloadUrlFor(services, job);
  if (!url) throw new AppError('JOB_NOT_COMPLETED', `The job is ${job.status}; the file is available once it is Completed.`);
  await recordAudit(services, principal, origin, 'sas-url', { jobId: job.id, organizationId: job.organizationId }, 'redirect');
  return url;
}

/** Streams the file, or one range of it, through the API; recorded before the first byte leaves. */
export async function streamDownload(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock' | 'audit' | 'logger'>,
  principal: Principal,
  job: DownloadableJob,
  range: ByteRange | undefined,
  origin: RequestOrigin = unknownOrigin,
  log: Logger = services.logger,
): Promise<{ stream: Readable; contentLength: number }> {
  await recordAudit(
    services,
    principal,
    origin,
    'download',
    { jobId: job.id, organizationId: job.organizationId },
    range ? `bytes=${range.offset}-${range.offset + range.count - 1}` : null,
  );
  const { stream, contentLength } = await downloadExport(services, principal, job.id, range, log);
  return { stream, contentLength };
}
