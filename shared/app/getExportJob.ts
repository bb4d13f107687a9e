import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import { downloadUrlReusableUntil, FILE_CHECK_VALID_MS } from '../domain/files.js';
import type { ExportJob } from '../domain/job.js';
import { fileExpired, holds } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { mintDownloadUrl } from './downloadExport.js';
import { findVisibleJob } from './findVisibleJob.js';
import { recordAudit } from './recordAudit.js';
import { checkFile, regenerateFile, type FileCheck } from './regenerateFile.js';
import type { Services } from './services.js';

type GetServices = Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock' | 'policy' | 'logger' | 'audit' | 'caches'>;

/**
 * The job, and a SAS URL to download its file once Completed. Before a URL is handed out, a
 * Completed job's file is checked (existence and size, one metadata request; a check vouches for
 * `FILE_CHECK_VALID_MS`): a URL to a file that is gone would answer 404 to the client, so a lost file
 * is sent to be made again instead and the job comes back regenerating (Pending, FILE_LOST), without
 * a URL. The visibility of the job is checked on every call, before anything is reused.
 */
export async function getExportJob(
  services: GetServices,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
  log: Logger = services.logger,
): Promise<{ job: ExportJob; downloadUrl: string | null }> {
  let job = await findVisibleJob(services, principal, id);
  if (job.status === 'Completed' && !holds(fileExpired(services.clock.now().toISOString()), job)) {
    const check = await recentFileCheck(services, job, log);
    if (!check.ok) ({ job } = await regenerateFile(services, job, check, 'downloadUrl', log));
  }
  return { job, downloadUrl: await handOutDownloadUrl(services, principal, origin, job) };
}

/** The file check, or a passed one younger than `FILE_CHECK_VALID_MS` of the same file. */
async function recentFileCheck(services: GetServices, job: ExportJob, log: Logger): Promise<FileCheck> {
  // The completion is part of the key: a file made again is a new file, checked afresh.
  // Stryker disable next-line StringLiteral: equivalent — 'complete' sets blobName, sizeBytes and completedAt together, so a Completed job never uses the '' fallbacks (the empty-key variant is killed by getExportJob.test.ts too)
  const key = `${job.blobName ?? ''}\n${job.sizeBytes ?? ''}\n${job.completedAt ?? ''}`;
  const now = services.clock.now().getTime();
  if (services.caches.checkedFiles.get(key, now)) return { ok: true };
  const check: FileCheck | undefined = await checkFile(services, job).catch(() => {
    // The check is a safeguard, not the read itself: storage trouble must not fail the job's GET
    // (and vouches for nothing: the next GET asks again).
    log.warn('export.file_check skipped: storage did not answer', { jobId: job.id });
    return undefined;
  });
  if (!check) return { ok: true };
  if (check.ok) services.caches.checkedFiles.set(key, true, now + FILE_CHECK_VALID_MS, now);
  return check;
}

/**
 * A SAS URL reads the file without us, so handing one out is recorded like a download. A caller
 * polling the job gets back the URL it was handed (same job and completion, same user, organization
 * and client address) while `downloadUrlReusableUntil` allows: that URL's record already names them.
 * Anyone else, or the same caller later, gets a URL minted and recorded for them.
 */
async function handOutDownloadUrl(
  services: GetServices,
  principal: Principal,
  origin: RequestOrigin,
  job: ExportJob,
): Promise<string | null> {
  // Stryker disable next-line ConditionalExpression: equivalent — only Completed jobs have URLs cached (under their completion), and mintDownloadUrl mints none for another status: the early return saves work only
  if (job.status !== 'Completed') return null;
  const key = [job.id, job.completedAt, principal.organizationId, principal.userId, origin.clientAddress].join('\n');
  const now = services.clock.now().getTime();
  const handedOut = services.caches.downloadUrls.get(key, now);
  if (handedOut) return handedOut;
  const minted = await mintDownloadUrl(services, job);
  if (!minted) return null;
  await recordAudit(services, principal, origin, 'sas-url', { jobId: job.id, organizationId: job.organizationId });
  const ttlMs = services.policy.sasTtlMinutes * 60_000;
  services.caches.downloadUrls.set(key, minted.url, downloadUrlReusableUntil(now, minted.expiresOn.getTime(), ttlMs), now);
  return minted.url;
}
