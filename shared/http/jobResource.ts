import { failureOf, type ExportJob } from '../domain/job.js';
import { isRegenerating } from '../domain/lifecycle.js';

/** The job as the API shows it. Internal fields (lease, checkpoint, blob path) never leave. */
export function jobResource(job: ExportJob, downloadUrl: string | null) {
  return {
    id: job.id,
    status: job.status,
    dataType: job.request.dataType,
    format: job.request.format,
    dateRange: job.request.dateRange,
    filters: job.request.filters,
    columns: job.request.columns ?? null,
    compression: job.request.compression,
    ...(job.request.format === 'csv' ? { csv: job.request.csv } : {}),
    organizationId: job.organizationId,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    expiresAt: job.expiresAt,
    progress: { rowsWritten: job.rowsWritten },
    rowCount: job.rowCount,
    sizeBytes: job.sizeBytes,
    sha256: job.sha256,
    fileName: job.fileName,
    contentType: job.contentType,
    attempts: job.attempt,
    nextAttemptAt: job.status === 'Pending' ? job.nextAttemptAt : null,
    // Why a job is waiting for another attempt (e.g. storage was unavailable).
    ...(job.status === 'Pending' && job.lastError ? { lastError: job.lastError } : {}),
    retryOf: job.retryOf,
    // It had Completed, but its file was lost before expiresAt and is being made again (FILE_LOST);
    // the download answers 503 FILE_REGENERATING with Retry-After until it is Completed again.
    ...(isRegenerating(job) ? { regenerating: true } : {}),
    links: {
      self: `/api/export-jobs/${job.id}`,
      ...(job.status === 'Completed' ? { download: `/api/export-jobs/${job.id}/download` } : {}),
    },
    ...(job.status === 'Completed' ? { downloadUrl } : {}),
    ...(job.status === 'Failed' ? { error: failureOf(job) } : {}),
  };
}
