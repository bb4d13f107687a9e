// @ts-nocheck
import { createExportJob } from '../shared/app/createExportJob.js';
import { jobResource } from '../shared/http/jobResource.js';
import { readJsonBody } from '../shared/http/readJsonBody.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** POST /api/export-jobs → 202 + Location; the export runs later on the queue. */
export const createExportJobFunction = httpFunction({
  name: 'createExportJob',
  methods: ['POST'],
  route: 'export-jobs',
  async run({ services, principal, log, request }) {
    const job = await createExportJob(services, principal, await readJsonBody(request), log);
    return json(202, jobResource(job, null), { Location: `/api/export-jobs/${job.id}` });
  },
});
