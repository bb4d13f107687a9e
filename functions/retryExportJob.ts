import { submitRetry } from '../shared/app/retryExportJob.js';
import { httpFunction } from '../shared/host/httpFunction.js';
import { IDEMPOTENCY_KEY_HEADER, submissionResponse } from '../shared/host/submissionResponse.js';

/**
 * POST /api/export-jobs/{id}/retry → 202 with a NEW job (`retryOf` = id) for a Failed/Cancelled/Expired
 * one; the running retry when there is one already. Honours Idempotency-Key.
 */
export const retryExportJobFunction = httpFunction({
  name: 'retryExportJob',
  methods: ['POST'],
  route: 'export-jobs/{id}/retry',
  async run({ services, principal, log, request, origin }) {
    const submission = await submitRetry(services, principal, request.params.id ?? '', log, {
      origin,
      idempotencyKey: request.headers.get(IDEMPOTENCY_KEY_HEADER),
    });
    return submissionResponse(submission);
  },
});
