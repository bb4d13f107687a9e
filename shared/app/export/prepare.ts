import { datasets, selectColumns } from '../../domain/datasets.js';
import { AppError } from '../../domain/errors.js';
import { blobNameOf } from '../../domain/files.js';
import type { ExportJob } from '../../domain/job.js';
import type { DatasetQuery } from '../../ports/datasetSource.js';
import type { Services } from '../services.js';
import type { PageEncoding } from '../../ports/pageWorkers.js';
import { decodeCheckpoint, type Checkpoint } from './checkpoint.js';
import { canContinueSha256 } from './sha256.js';
import { textFormatFor, writerFor } from './writers/registry.js';
import type { TextFormat } from './writers/textFormat.js';
import type { ExportMeta, FileWriter } from './writers/writer.js';

/** Everything an export needs to know before the first row: step 1 of the pipeline. */
export interface ExportPlan {
  readonly blobName: string;
  readonly query: DatasetQuery;
  readonly meta: ExportMeta;
  /** How the page workers hand pages back: encoded text, or rows for `writer`. */
  readonly encoding: PageEncoding;
  /** Text formats: the head and tail around the encoded pages (and what makes the export resumable). */
  readonly text: TextFormat | undefined;
  /** Other formats: the streaming writer the rows go through. */
  readonly writer: FileWriter;
  /** Where a resumable export continues; undefined = from the start. */
  readonly resumeFrom: Checkpoint | undefined;
}

/**
 * Prepares an export: the tenant-scoped dataset query bounded by the job's snapshot, what the writer
 * prints besides rows, the writer, and — for a resumable format — the checkpoint to continue from,
 * if every block it names is still staged (staged blocks live 7 days or until a commit; if any is
 * gone, the export starts over, which is always safe).
 */
export async function prepareExport(
  services: Pick<Services, 'source' | 'blobs' | 'clock' | 'policy'>,
  job: ExportJob,
): Promise<ExportPlan> {
  const { source, blobs, clock, policy } = services;
  const request = job.request;
  if (!job.snapshot) throw new AppError('INTERNAL', 'The job has no snapshot.');
  const dataset = datasets[request.dataType];
  const columns = selectColumns(dataset, request.columns);
  const query: DatasetQuery = {
    dataType: request.dataType,
    organizationId: job.organizationId,
    from: request.dateRange.from,
    to: request.dateRange.to,
    columns: columns.map((c) => c.name),
    snapshot: job.snapshot,
    ...(request.filters.userId ? { userId: request.filters.userId } : {}),
  };
  const writer = writerFor(request.format, request.csv, policy.writers);
  const text = textFormatFor(request.format, request.csv);
  const format = request.format;
  const encoding: PageEncoding =
    text && (format === 'csv' || format === 'json' || format === 'ndjson')
      ? { kind: 'text', format, csv: request.csv }
      : { kind: 'rows' };
  const meta: ExportMeta = {
    dataset,
    columns,
    organizationName: (await source.organizationName(job.organizationId)) ?? job.organizationId,
    organizationId: job.organizationId,
    dateFrom: request.dateRange.from,
    dateTo: request.dateRange.to,
    // The snapshot's time, not this attempt's: a retried or regenerated Excel/PDF file is the same file.
    generatedAt: job.snapshot.takenAt ?? clock.now().toISOString(),
    // The PDF's title block says how many rows follow.
    ...(request.format === 'pdf' ? { rowCount: await source.count(query) } : {}),
  };
  const blobName = blobNameOf(job);
  let resumeFrom = text ? decodeCheckpoint(job.checkpoint) : undefined;
  if (resumeFrom && !(await canContinueSha256(resumeFrom.hash))) resumeFrom = undefined;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: for a checkpoint naming no block, every() over no blocks is true, so listing the staged blocks changes nothing
  if (resumeFrom && resumeFrom.blocks.length > 0) {
    const staged = new Set(await blobs.stagedBlockIds(blobName));
    if (!resumeFrom.blocks.every((b) => staged.has(b))) resumeFrom = undefined;
  }
  return { blobName, query, meta, encoding, text, writer, resumeFrom };
}
