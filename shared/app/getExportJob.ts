import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import type { ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import { downloadUrlFor } from './downloadExport.js';
import { findVisibleJob } from './findVisibleJob.js';
import { recordAudit } from './recordAudit.js';
import type { Services } from './services.js';

/** The job, and a fresh SAS URL to download its file once Completed. */
export async function getExportJob(
  services: Pick<Services, 'repo' | 'blobs' | 'clock' | 'policy' | 'audit'>,
  principal: Principal,
  id: string,
  origin: RequestOrigin = unknownOrigin,
): Promise<{ job: ExportJob; downloadUrl: string | null }> {
  const job = await findVisibleJob(services, principal, id);
  const downloadUrl = await downloadUrlFor(services, job);
  // A SAS URL reads the file without us: minting one is recorded like a download.
  if (downloadUrl)
    await recordAudit(services, principal, origin, 'sas-url', { jobId: job.id, organizationId: job.organizationId });
  return { job, downloadUrl };
}
