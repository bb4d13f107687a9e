// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { contentTypeFor, fileNameFor } from '../../shared/domain/formats.js';
import type { ExportJob, ExportRequest } from '../../shared/domain/job.js';
import type { JobRepository } from '../../shared/ports/jobRepository.js';

/** A request with defaults; override what the test is about. */
export const exportRequest = (o: Partial<ExportRequest> = {}): ExportRequest => ({
  dataType: 'sessions',
  format: 'csv',
  dateRange: { from: '2026-01-01', to: '2026-06-30' },
  filters: {},
  compression: 'none',
  csv: { delimiter: ',', includeBom: true },
  ...o,
});

/**
 * Inserts a Pending job straight into the repository (no doorbell), named and typed as the create
 * use case would, for tests that drive `processExport` themselves.
 */
export async function insertJob(repo: JobRepository, organizationId: string, request: ExportRequest): Promise<ExportJob> {
  const id = randomUUID();
  const { dataType, format, dateRange, compression } = request;
  await repo.insert({
    id,
    organizationId,
    createdBy: 'test-user',
    request,
    createdAt: new Date().toISOString(),
    fileName: fileNameFor(dataType, format, dateRange.from, dateRange.to, compression),
    contentType: contentTypeFor(format, compression),
    retryOf: null,
  });
  const job = await repo.get(id);
  if (!job) throw new Error('inserted job not found');
  return job;
}
