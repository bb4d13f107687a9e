import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import type { ExportJob } from '../domain/job.js';
import { fileExpired, holds } from '../domain/lifecycle.js';
import type { Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { downloadUrlFor } from './downloadExport.js';
import { findVisibleJob } from './findVisibleJob.js';
import { recordAudit } from './recordAudit.js';
import { checkFile, regenerateFile, type FileCheck } from './regenerateFile.js';
import type { Services } from './services.js';

/**
 * The job, and a fresh SAS URL to download its file once Completed. Before minting the URL, a
 * Completed job's file is checked (existence and size, one metadata request): a URL to a file that
 * is gone would answer 404 to the client, so a lost file is sent to be made again instead and the
 * job comes back regenerating (Pending, FILE_LOST), without a URL.
 */
export async function getExportJob(
  services: Pick<Services, 'repo' | 'blobs' | 'queue' | 'clock' | 'policy' | 'logger' | 'audit'>,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
  log: Logger = services.logger,
): Promise<{ job: ExportJob; downloadUrl: string | null }> {
  let job = await findVisibleJob(services, principal, id);
  if (job.status === 'Completed' && !holds(fileExpired(services.clock.now().toISOString()), job)) {
    const check: FileCheck = await checkFile(services, job).catch(() => {
      // The check is a safeguard, not the read itself: storage trouble must not fail the job's GET.
      log.warn('export.file_check skipped: storage did not answer', { jobId: job.id });
      return { ok: true };
    });
    if (!check.ok) ({ job } = await regenerateFile(services, job, check, 'downloadUrl', log));
  }
  const downloadUrl = await downloadUrlFor(services, job);
  // A SAS URL reads the file without us: minting one is recorded like a download.
  if (downloadUrl)
    await recordAudit(services, principal, origin, 'sas-url', { jobId: job.id, organizationId: job.organizationId });
  return { job, downloadUrl };
}
