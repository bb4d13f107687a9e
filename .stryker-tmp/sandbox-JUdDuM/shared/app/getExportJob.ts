// @ts-nocheck
import type { ExportJob } from '../domain/job.js';
import type { Principal } from '../domain/principal.js';
import { downloadUrlFor } from './downloadExport.js';
import { findVisibleJob } from './findVisibleJob.js';
import type { Services } from './services.js';

/** The job, and a fresh SAS URL to download its file once Completed. */
export async function getExportJob(
  services: Pick<Services, 'repo' | 'blobs' | 'clock' | 'policy'>,
  principal: Principal,
  id: string,
): Promise<{ job: ExportJob; downloadUrl: string | null }> {
  const job = await findVisibleJob(services, principal, id);
  return { job, downloadUrl: await downloadUrlFor(services, job) };
}
