import { listExportJobs } from '../shared/app/listExportJobs.js';
import { queuePositions } from '../shared/app/queuePositions.js';
import { jobResource } from '../shared/http/jobResource.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** GET /api/export-jobs?status=&dataType=&limit=&cursor= → `{ items, nextCursor }`, newest first. */
export const listExportJobsFunction = httpFunction({
  name: 'listExportJobs',
  methods: ['GET'],
  route: 'export-jobs',
  async run({ services, principal, request }) {
    const page = await listExportJobs(services, principal, Object.fromEntries(request.query.entries()));
    const positions = await queuePositions(services, page.items);
    // Lists carry no SAS URLs: minting one per row is wasted work; GET the job for it.
    return json(200, {
      items: page.items.map((j) => jobResource(j, null, positions.get(j.id) ?? null)),
      nextCursor: page.nextCursor,
    });
  },
});
