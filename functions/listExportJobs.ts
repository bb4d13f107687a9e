import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { listExportJobs } from '../shared/app/listExportJobs.js';
import { jobResource } from '../shared/http/jobResource.js';
import { handleHttp, json } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** GET /api/export-jobs?status=&dataType=&limit=&cursor= → `{ items, nextCursor }`, newest first. */
export async function listExportJobsHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal }) => {
    const page = await listExportJobs(deps, principal, Object.fromEntries(req.query.entries()));
    // Lists carry no SAS URLs: minting one per row is wasted work; GET the job for it.
    return json(200, { items: page.items.map((j) => jobResource(j, null)), nextCursor: page.nextCursor });
  });
}

registerHttp('listExportJobs', { methods: ['GET'], route: 'export-jobs', authLevel: 'anonymous', handler: listExportJobsHttp });
