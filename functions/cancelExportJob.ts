import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { cancelExportJob } from '../shared/app/cancelExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { handleHttp, json } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** DELETE /api/export-jobs/{id} → cancels a Pending or Processing job (409 once terminal). */
export async function cancelExportJobHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal, log }) => {
    const job = await cancelExportJob(deps, principal, req.params.id ?? '');
    log.info('export.cancelled', { jobId: job.id });
    return json(200, jobResource(job, null));
  });
}

registerHttp('cancelExportJob', {
  methods: ['DELETE'],
  route: 'export-jobs/{id}',
  authLevel: 'anonymous',
  handler: cancelExportJobHttp,
});
