import { z } from 'zod';
import { auditActions } from '../domain/audit.js';
import { dataTypes } from '../domain/datasets.js';
import { compressions, formats } from '../domain/formats.js';
import { failureOf, jobStatuses, type ExportJob } from '../domain/job.js';
import { isRegenerating } from '../domain/lifecycle.js';
import { progressOf } from '../domain/progress.js';

const timestamp = z.iso.datetime().meta({ description: 'ISO-8601 UTC timestamp.' });
const date = z.iso.date();
const error = z.object({ code: z.string(), message: z.string() });

/** How far the job is (see shared/domain/progress.ts). */
export const progressSchema = z
  .object({
    rowsWritten: z.number().int().min(0),
    rowsTotal: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({ description: 'Rows the export writes, counted once when a worker first claims the job; null before.' }),
    percent: z
      .number()
      .min(0)
      .max(100)
      .nullable()
      .meta({ description: '0–100 (one decimal); 100 once Completed; null while the total is unknown.' }),
    rowsPerSecond: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({ description: 'The running attempt’s average rate (Processing only).' }),
    etaSeconds: z
      .number()
      .int()
      .min(0)
      .nullable()
      .meta({ description: 'Seconds the rest takes at that rate, as of updatedAt (Processing only).' }),
    queuePosition: z.number().int().min(1).nullable().meta({
      description:
        'Pending jobs only: its place in the order free workers claim jobs (1 = next; fair across organizations); null while it waits for a backoff retry.',
    }),
    updatedAt: timestamp.nullable().meta({ description: 'When the worker last wrote progress.' }),
  })
  .meta({ description: 'How far the export is.' });

/**
 * The job as the API shows it — the one schema of the resource: the OpenAPI document is generated
 * from it, and `jobResource` is typed by it. Internal fields (lease, checkpoint, blob path,
 * idempotency key) never leave.
 */
export const jobResourceSchema = z
  .object({
    id: z.string().meta({ description: 'Job id (a GUID).' }),
    status: z.enum(jobStatuses),
    dataType: z.enum(dataTypes),
    format: z.enum(formats),
    dateRange: z.object({ from: date, to: date }),
    filters: z.object({ userId: z.string().optional(), organizationId: z.string().optional() }),
    columns: z.array(z.string()).nullable(),
    compression: z.enum(compressions),
    csv: z.object({ delimiter: z.enum([',', ';', '\t']), includeBom: z.boolean() }).optional(),
    organizationId: z.string().meta({ description: 'The organization whose data is exported.' }),
    createdBy: z.string().meta({ description: 'User id of the creator.' }),
    createdAt: timestamp,
    startedAt: timestamp.nullable(),
    completedAt: timestamp.nullable(),
    expiresAt: timestamp.nullable().meta({ description: 'When the file is deleted (Completed jobs).' }),
    progress: progressSchema,
    rowCount: z.number().int().min(0).nullable(),
    sizeBytes: z.number().int().min(0).nullable(),
    sha256: z.string().nullable(),
    fileName: z.string(),
    contentType: z.string(),
    attempts: z.number().int().min(0),
    nextAttemptAt: timestamp.nullable(),
    lastError: error.optional().meta({ description: 'Pending jobs waiting for another attempt: why.' }),
    retryOf: z.string().nullable(),
    regenerating: z.literal(true).optional().meta({
      description:
        'Present while a Completed job whose file was lost before its expiry is being made again (status Pending, lastError FILE_LOST); downloads answer 503 FILE_REGENERATING until then.',
    }),
    links: z.object({ self: z.string(), download: z.string().optional() }),
    downloadUrl: z.string().nullable().optional().meta({
      description:
        'Completed jobs: a read-only SAS URL valid for at least two thirds of EXPORT_SAS_TTL_MINUTES (a caller polling gets the same URL back for up to a third of it); null in lists.',
    }),
    error: error.nullable().optional().meta({ description: 'Failed jobs: why.' }),
  })
  .meta({ description: 'An export job.' });

export type JobResource = z.infer<typeof jobResourceSchema>;

/** The job as the API shows it. */
export function jobResource(job: ExportJob, downloadUrl: string | null, queuePosition: number | null = null): JobResource {
  return {
    id: job.id,
    status: job.status,
    dataType: job.request.dataType,
    format: job.request.format,
    dateRange: job.request.dateRange,
    filters: job.request.filters,
    columns: job.request.columns ? [...job.request.columns] : null,
    compression: job.request.compression,
    ...(job.request.format === 'csv' ? { csv: job.request.csv } : {}),
    organizationId: job.organizationId,
    createdBy: job.createdBy,
    createdAt: job.createdAt,
    startedAt: job.startedAt,
    completedAt: job.completedAt,
    expiresAt: job.expiresAt,
    progress: progressOf(job, queuePosition),
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

/** A page of jobs. */
export const jobListSchema = z
  .object({
    items: z.array(jobResourceSchema),
    nextCursor: z.string().nullable().meta({ description: 'Pass as `cursor` for the next page; null on the last.' }),
  })
  .meta({ description: 'A page of jobs, newest first.' });

/** One audit record as the API shows it. */
export const auditRecordSchema = z
  .object({
    seq: z.number().int(),
    at: timestamp,
    action: z.enum(auditActions),
    jobId: z.string().nullable(),
    organizationId: z.string(),
    actorId: z.string(),
    actorOrganizationId: z.string(),
    clientAddress: z.string().nullable(),
    requestId: z.string().nullable(),
    detail: z.string().nullable(),
  })
  .meta({ description: 'Who did what to the job, when and from where.' });

export const auditPageSchema = z.object({ items: z.array(auditRecordSchema), nextCursor: z.string().nullable() });
