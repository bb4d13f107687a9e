import { FILE_LOST, type FileLossCheck } from '../domain/files.js';
import type { ExportJob } from '../domain/job.js';
import { lifecycle } from '../domain/lifecycle.js';
import type { Logger } from '../ports/logger.js';
import { sendDoorbell } from './sendDoorbell.js';
import type { Services } from './services.js';

/** What the check found where a Completed job's file should be. */
export type FileCheck = { readonly ok: true } | { readonly ok: false; readonly foundBytes: number | undefined };

/**
 * Is the file of a Completed job there, at its recorded size? One metadata request, no content.
 * A missing blob and a blob of another size are both a lost file: the job's sha256 cannot describe it.
 */
export async function checkFile(
  services: Pick<Services, 'blobs'>,
  job: Pick<ExportJob, 'blobName' | 'sizeBytes'>,
): Promise<FileCheck> {
  const foundBytes = job.blobName ? await services.blobs.sizeOf(job.blobName) : undefined;
  return foundBytes !== undefined && foundBytes === job.sizeBytes ? { ok: true } : { ok: false, foundBytes };
}

/**
 * A Completed job's file is gone (or not its recorded size) before it expired: send the job back
 * to be exported again from its snapshot (lifecycle `regenerate`, reason FILE_LOST), ring its
 * doorbell, and report it (`export.file_lost`, metric `export_file_lost`, which the Azure alert
 * counts). The job in hand must be the Completed one that was checked.
 *
 * Returns the job as it is now — regenerating when this call or a concurrent one sent it back,
 * unchanged when it could not be (it expired meanwhile: the file is simply expired then) — and
 * whether this call sent it back.
 */
export async function regenerateFile(
  services: Pick<Services, 'repo' | 'queue' | 'clock'>,
  job: ExportJob,
  check: Extract<FileCheck, { ok: false }>,
  detectedBy: FileLossCheck,
  log: Logger,
): Promise<{ job: ExportJob; sentBack: boolean }> {
  // Stryker disable next-line ConditionalExpression: equivalent — the regenerate transition applies to a Completed job only, so a Failed or Cancelled job in hand (the others with a completedAt) is not sent back either way
  if (job.status !== 'Completed' || !job.completedAt) return { job, sentBack: false };
  const now = services.clock.now().toISOString();
  const jobLog = log.child({ jobId: job.id, organizationId: job.organizationId, format: job.request.format });
  const sentBack = await services.repo.apply(job.id, lifecycle.regenerate(now, { completedAt: job.completedAt }, FILE_LOST));
  if (sentBack) {
    jobLog.warn('export.file_lost: making the file again', {
      detectedBy,
      expectedBytes: job.sizeBytes,
      foundBytes: check.foundBytes ?? null,
      completedAt: job.completedAt,
    });
    jobLog.metric('export_file_lost', 1, { detectedBy });
    await sendDoorbell(services, { jobId: job.id, attempt: job.attempt + 1 }, undefined, jobLog);
  }
  return { job: (await services.repo.get(job.id)) ?? job, sentBack };
}
