// @ts-nocheck
import { retryExportJob } from '../shared/app/retryExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** POST /api/export-jobs/{id}/retry → 202 with a NEW job (`retryOf` = id) for a Failed/Cancelled/Expired one. */
export const retryExportJobFunction = httpFunction({
  name: 'retryExportJob',
  methods: ['POST'],
  route: 'export-jobs/{id}/retry',
  async run({ services, principal, log, request }) {
    const job = await retryExportJob(services, principal, request.params.id ?? '', log);
    return json(202, jobResource(job, null), { Location: `/api/export-jobs/${job.id}` });
  },
});
