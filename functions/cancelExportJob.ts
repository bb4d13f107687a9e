import { cancelExportJob } from '../shared/app/cancelExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** DELETE /api/export-jobs/{id} → cancels a Pending or Processing job (409 once terminal). */
export const cancelExportJobFunction = httpFunction({
  name: 'cancelExportJob',
  methods: ['DELETE'],
  route: 'export-jobs/{id}',
  async run({ services, principal, log, request, origin }) {
    const job = await cancelExportJob(services, principal, request.params.id ?? '', origin);
    log.info('export.cancelled', { jobId: job.id });
    return json(200, jobResource(job, null));
  },
});
