import { getExportJob } from '../shared/app/getExportJob.js';
import { queuePositions } from '../shared/app/queuePositions.js';
import { jobResource } from '../shared/http/jobResource.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** GET /api/export-jobs/{id} → the job; a fresh SAS `downloadUrl` once Completed. */
export const getExportJobFunction = httpFunction({
  name: 'getExportJob',
  methods: ['GET'],
  route: 'export-jobs/{id}',
  async run({ services, principal, request, origin, log }) {
    const { job, downloadUrl } = await getExportJob(services, principal, request.params.id ?? '', origin, log);
    const positions = await queuePositions(services, [job]);
    return json(200, jobResource(job, downloadUrl, positions.get(job.id) ?? null));
  },
});
