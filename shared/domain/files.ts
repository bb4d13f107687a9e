import type { ExportJob, JobError, JobStatus } from './job.js';

/**
 * A job's file: where it lives and when it must not exist.
 *
 * The file of a job is one blob, `<organizationId>/<jobId>/<fileName>`: the organization first, so a
 * whole tenant's files can be listed or removed by prefix; the job id, so two exports with the same
 * file name never collide; the file name last, so a downloaded SAS URL ends in a readable name.
 */
export const blobNameOf = (job: Pick<ExportJob, 'organizationId' | 'id' | 'fileName'>): string =>
  `${job.organizationId}/${job.id}/${job.fileName}`;

/**
 * Only a Completed job has a file (until it expires). A job that ended Failed or Cancelled keeps
 * none — yet a worker may have committed one just before it died or was fenced out, so whoever moves
 * a job into one of these states deletes the blob. A Pending or Processing job may have a committed
 * blob from a crashed attempt: the next attempt commits the same name again, so it is left alone.
 */
export const keepsNoFile = (status: JobStatus): boolean => status === 'Failed' || status === 'Cancelled';

/** How a job's file was found missing: what `regenerate` records and the `export_file_lost` metric counts. */
export type FileLossCheck = 'download' | 'downloadUrl' | 'reconcile';

/**
 * The recorded reason of a regeneration: the file of a Completed job vanished (or was not its
 * recorded size) before it expired, so the job is being exported again.
 */
export const FILE_LOST: JobError = {
  code: 'FILE_LOST',
  message: 'The export file was lost before it expired.',
};

/**
 * How long one check that a Completed job's file is there at its recorded size vouches for it: job
 * GETs within this window hand out a download URL without asking storage again. So a file lost
 * meanwhile can be handed out as a link for at most this long (the link answers 404; nothing else
 * leaks); the first GET after the window finds it lost and sends it to be made again, and so does a
 * download or the reconcile sweep at any time.
 */
export const FILE_CHECK_VALID_MS = 10_000;

/**
 * Until when a download URL minted at `mintedAtMs` (valid until `expiresAtMs`; `sasTtlMs` is the
 * configured SAS lifetime) is handed again to the same caller: for a third of the SAS lifetime, and
 * only while two thirds of it are left — so every URL handed out is valid for at least 2/3 of
 * `sasTtlMinutes` (10 of 15 minutes by default), or until the file expires if that is sooner (then
 * each GET mints its own).
 */
export const downloadUrlReusableUntil = (mintedAtMs: number, expiresAtMs: number, sasTtlMs: number): number =>
  Math.min(mintedAtMs + sasTtlMs / 3, expiresAtMs - (2 * sasTtlMs) / 3);
