import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { createExportJob } from '../shared/app/createExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { readJsonBody } from '../shared/http/readJsonBody.js';
import { handleHttp, json } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** POST /api/export-jobs → 202 + Location; the export runs later on the queue. */
export async function createExportJobHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal, log }) => {
    const job = await createExportJob(deps, principal, await readJsonBody(req), log);
    const location = `/api/export-jobs/${job.id}`;
    return json(202, jobResource(job, null), { Location: location });
  });
}

registerHttp('createExportJob', {
  methods: ['POST'],
  route: 'export-jobs',
  authLevel: 'anonymous',
  handler: createExportJobHttp,
});
