import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { findJob } from '../shared/app/findJob.js';
import { downloadUrlFor } from '../shared/app/openDownload.js';
import { jobResource } from '../shared/http/jobResource.js';
import { handleHttp, json } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** GET /api/export-jobs/{id} → the job; a fresh SAS `downloadUrl` once Completed. */
export async function getExportJobHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal }) => {
    const job = await findJob(deps, principal, req.params.id ?? '');
    return json(200, jobResource(job, await downloadUrlFor(deps, job)));
  });
}

registerHttp('getExportJob', { methods: ['GET'], route: 'export-jobs/{id}', authLevel: 'anonymous', handler: getExportJobHttp });
