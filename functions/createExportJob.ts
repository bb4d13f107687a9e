import { submitExportJob } from '../shared/app/createExportJob.js';
import { readJsonBody } from '../shared/http/readJsonBody.js';
import { httpFunction } from '../shared/host/httpFunction.js';
import { IDEMPOTENCY_KEY_HEADER, submissionResponse } from '../shared/host/submissionResponse.js';

/** POST /api/export-jobs → 202 + Location; the export runs later on the queue. Honours Idempotency-Key. */
export const createExportJobFunction = httpFunction({
  name: 'createExportJob',
  methods: ['POST'],
  route: 'export-jobs',
  async run({ services, principal, log, request, origin }) {
    const submission = await submitExportJob(services, principal, await readJsonBody(request), log, {
      origin,
      idempotencyKey: request.headers.get(IDEMPOTENCY_KEY_HEADER),
    });
    return submissionResponse(submission);
  },
});
