import type { Readable } from 'node:stream';
import { AppError } from '../domain/errors.js';
import type { ExportJob } from '../domain/job.js';
import { fileExpired, holds, isRegenerating } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import type { ByteRange } from '../ports/blobStore.js';
import type { Logger } from '../ports/logger.js';
import { findVisibleJob } from './findVisibleJob.js';
import { regenerateFile, type FileCheck } from './regenerateFile.js';
import type { Services } from './services.js';

const regenerating = () =>
  new AppError(
    'FILE_REGENERATING',
    'The export file was lost before it expired and is being made again from the same data. Try again shortly.',
  );

export function assertDownloadable(job: ExportJob): asserts job is ExportJob & { blobName: string } {
  if (job.status === 'Expired')
    throw new AppError('JOB_EXPIRED', 'The export file has expired and was deleted. Create a new export.');
  if (isRegenerating(job)) throw regenerating();
  // Stryker disable next-line LogicalOperator: equivalent — only 'complete' sets blobName and only Expired (refused above) keeps it after, so "not Completed" and "no blobName" always come together
  if (job.status !== 'Completed' || !job.blobName) {
    throw new AppError('JOB_NOT_COMPLETED', `The job is ${job.status}; the file is available once it is Completed.`);
  }
}

/**
 * The file of a Completed job is not there (or not its recorded size). Past `expiresAt` it has
 * simply expired (the purge deletes it); before, it was lost: the job is sent back to make it again,
 * and the caller is told so — never that it expired.
 */
async function lostFile(
  services: Pick<Services, 'repo' | 'queue' | 'clock'>,
  job: ExportJob,
  check: Extract<FileCheck, { ok: false }>,
  log: Logger,
): Promise<AppError> {
  if (holds(fileExpired(services.clock.now().toISOString()), job))
    return new AppError('JOB_EXPIRED', 'The export file has expired and was deleted.');
  await regenerateFile(services, job, check, 'download', log);
  return regenerating();
}

/**
 * Checks that a Completed job's file is there at its recorded size (one metadata request) before it
 * is handed out without being read (a SAS URL, a range): if not, it is expired (after `expiresAt`) or
 * lost — then it is sent to be made again and the caller hears FILE_REGENERATING.
 */
export async function assertFilePresent(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock'>,
  job: ExportJob & { blobName: string },
  log: Logger,
): Promise<void> {
  const size = await services.blobs.sizeOf(job.blobName);
  if (size !== job.sizeBytes) throw await lostFile(services, job, { ok: false, foundBytes: size }, log);
}

/**
 * Opens the finished file (or one byte range of it) for streaming through the API. A file that is
 * missing or not its recorded size is never served (its sha256 would be a lie): before its expiry it
 * is made again.
 */
export async function downloadExport(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock' | 'logger'>,
  principal: Principal,
  id: string,
  range?: ByteRange,
  log: Logger = services.logger,
): Promise<{ job: ExportJob; stream: Readable; contentLength: number }> {
  const job = await findVisibleJob(services, principal, id);
  assertDownloadable(job);
  // A range read does not show the file's length: check it first (one metadata request).
  if (range) await assertFilePresent(services, job, log);
  let opened: { stream: Readable; contentLength: number };
  try {
    opened = await services.blobs.openRead(job.blobName, range);
  } catch (e) {
    if (e instanceof AppError && e.code === 'NOT_FOUND')
      throw await lostFile(services, job, { ok: false, foundBytes: undefined }, log);
    throw e;
  }
  if (!range && opened.contentLength !== job.sizeBytes) {
    // Not the file the job describes (its sha256 would be a lie): make the right one again.
    opened.stream.destroy();
    throw await lostFile(services, job, { ok: false, foundBytes: opened.contentLength }, log);
  }
  return { job, ...opened };
}

/** A fresh, read-only, short-lived SAS URL for a Completed job; null otherwise. */
export async function downloadUrlFor(
  services: Pick<Services, 'blobs' | 'clock' | 'policy'>,
  job: ExportJob,
): Promise<string | null> {
  return (await mintDownloadUrl(services, job))?.url ?? null;
}

/** A fresh SAS URL for a Completed job and when it stops working (never past the file's expiry). */
export async function mintDownloadUrl(
  services: Pick<Services, 'blobs' | 'clock' | 'policy'>,
  job: ExportJob,
): Promise<{ url: string; expiresOn: Date } | undefined> {
  if (job.status !== 'Completed' || !job.blobName || !job.expiresAt) return undefined;
  const sasEnd = services.clock.now().getTime() + services.policy.sasTtlMinutes * 60_000;
  const expiresOn = new Date(Math.min(sasEnd, Date.parse(job.expiresAt)));
  const url = await services.blobs.readUrl(job.blobName, expiresOn, { contentType: job.contentType, fileName: job.fileName });
  return { url, expiresOn };
}
