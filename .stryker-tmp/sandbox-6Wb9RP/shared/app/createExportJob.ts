// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { AppError } from '../domain/errors.js';
import { contentTypeFor, fileNameFor } from '../domain/formats.js';
import type { ExportJob, ExportRequest } from '../domain/job.js';
import { canCreate, canExportOrganization, type Principal } from '../domain/principal.js';
import type { Logger } from '../ports/logger.js';
import { parseExportRequest } from './exportRequest.js';
import { sendDoorbell } from './sendDoorbell.js';
import type { Services } from './services.js';

/**
 * Records a new export job (Pending) and rings its doorbell. Never waits for the export.
 * Validation, authorization and the PDF row cap are all checked before anything is written.
 */
export async function createExportJob(services: Services, principal: Principal, body: unknown, log: Logger): Promise<ExportJob> {
  if (!canCreate(principal)) throw new AppError('FORBIDDEN', 'Your role may not create exports.');
  const request = parseExportRequest(body);
  return enqueueNewJob(services, principal, request, null, log);
}

/** Shared by create and retry: checks, insert, doorbell. */
export async function enqueueNewJob(
  services: Services,
  principal: Principal,
  request: ExportRequest,
  retryOf: string | null,
  log: Logger,
): Promise<ExportJob> {
  const organizationId = request.filters.organizationId ?? principal.organizationId;
  if (!canExportOrganization(principal, organizationId)) {
    throw new AppError('FORBIDDEN', 'You may only export your own organization.');
  }
  if (request.format === 'pdf') {
    const rows = await services.source.count({
      dataType: request.dataType,
      organizationId,
      from: request.dateRange.from,
      to: request.dateRange.to,
      snapshot: await services.source.snapshot(),
      ...(request.filters.userId ? { userId: request.filters.userId } : {}),
    });
    const cap = services.policy.pdfRowCap;
    if (rows > cap) {
      throw new AppError(
        'ROW_CAP_EXCEEDED',
        `This export has ${rows} rows; PDF exports are limited to ${cap} rows. Choose CSV or Excel, or narrow the date range.`,
      );
    }
  }
  const now = services.clock.now().toISOString();
  const id = randomUUID();
  await services.repo.insert({
    id,
    organizationId,
    createdBy: principal.userId,
    request,
    createdAt: now,
    fileName: fileNameFor(request.dataType, request.format, request.dateRange.from, request.dateRange.to, request.compression),
    contentType: contentTypeFor(request.format, request.compression),
    retryOf,
  });
  const jobLog = log.child({ jobId: id, organizationId, dataType: request.dataType, format: request.format });
  jobLog.info('export.created');
  await sendDoorbell(services, { jobId: id, attempt: 1 }, undefined, jobLog);
  const job = await services.repo.get(id);
  if (!job) throw new AppError('INTERNAL', 'The job vanished after it was created.');
  return job;
}
