import type { HttpResponseInit } from '@azure/functions';
import type { Submission } from '../app/createExportJob.js';
import { rateLimitHeaders } from '../http/headers.js';
import { jobResource } from '../http/jobResource.js';
import { json } from './httpFunction.js';

/** The `Idempotency-Key` request header, as sent (validated by the use case). */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * 202 + Location for a created (or retried) job. A replay — the same Idempotency-Key and request,
 * or a retry already running — answers the same way with `Idempotent-Replayed: true`.
 */
export function submissionResponse(s: Submission): HttpResponseInit {
  return json(202, jobResource(s.job, null), {
    Location: `/api/export-jobs/${s.job.id}`,
    ...(s.replayed ? { 'Idempotent-Replayed': 'true' } : {}),
    ...(s.rateLimit ? rateLimitHeaders(s.rateLimit) : {}),
  });
}
