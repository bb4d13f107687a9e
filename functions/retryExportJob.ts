import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { retryExportJob } from '../shared/app/retryExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { handleHttp, json } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** POST /api/export-jobs/{id}/retry → 202 with a NEW job (`retryOf` = id) for a Failed/Cancelled/Expired one. */
export async function retryExportJobHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal, log }) => {
    const job = await retryExportJob(deps, principal, req.params.id ?? '', log);
    return json(202, jobResource(job, null), { Location: `/api/export-jobs/${job.id}` });
  });
}

registerHttp('retryExportJob', {
  methods: ['POST'],
  route: 'export-jobs/{id}/retry',
  authLevel: 'anonymous',
  handler: retryExportJobHttp,
});
