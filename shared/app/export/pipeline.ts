import type { Row } from '../../domain/datasets.js';
import type { ExportJob } from '../../domain/job.js';
import type { Services } from '../services.js';
import { blockSink } from './blockSink.js';
import { keepLease } from './lease.js';
import { readPages, type ExportPage } from './pages.js';
import { prepareExport } from './prepare.js';

export interface ExportOutcome {
  readonly rowCount: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly blobName: string;
  /** True when this attempt continued from a checkpoint. */
  readonly resumed: boolean;
}

/** A writer may render a whole batch synchronously (PDF: dozens of pages): give the loop a turn this often. */
const EVENT_LOOP_TURN_MS = 20;

/**
 * Streams one export into a committed blob, in named steps:
 *
 *   prepare (query, metadata, checkpoint) → pages (planned, read and encoded by the page workers)
 *     → writer → block sink (gzip, hash, stage) → lease (heartbeat, cancellation) → commit
 *
 * Text formats (CSV, JSON, NDJSON) are encoded page by page by the page workers — several pages at
 * once, off the request thread — and written here as head + pages in order + tail; a full sink
 * is cut into a block at a page boundary, and once that block is staged its checkpoint is written
 * with the heartbeat, so a later attempt continues there with identical bytes (with gzip each
 * block is its own gzip member, which keeps resumed files byte-identical). XLSX and PDF get rows
 * from the page workers and run their streaming writer, restarting on a new attempt. Memory is
 * bounded by a few pages plus three blocks.
 *
 * Every heartbeat is fenced by the lease: when it is lost or the job was cancelled, the export
 * stops with LEASE_LOST and commits nothing.
 */
export async function runExport(services: Services, job: ExportJob, leaseToken: string): Promise<ExportOutcome> {
  const plan = await prepareExport(services, job);
  const { text, writer, resumeFrom } = plan;
  const lease = keepLease(services, job.id, leaseToken, resumeFrom?.rows ?? 0);
  const sink = await blockSink(services.blobs, {
    blobName: plan.blobName,
    blockSize: services.policy.blockSizeBytes,
    gzip: job.request.compression === 'gzip',
    generation: text ? 0 : job.attempt,
    ...(resumeFrom ? { resumeFrom } : {}),
  });
  const pages = readPages(services.source, services.pageWorkers, plan.query, plan.encoding, resumeFrom);
  let rows = resumeFrom?.rows ?? 0;
  const counted = async (page: ExportPage): Promise<void> => {
    rows = page.rowsSoFar;
    await lease.beatIfDue(rows);
  };

  let lastTurn = performance.now();
  // Stryker disable next-line BlockStatement: only when other work on the thread gets a turn; the file's bytes, rows and beats are the same
  const turn = async (): Promise<void> => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: as above (the yield interval)
    if (performance.now() - lastTurn > EVENT_LOOP_TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
  };

  try {
    if (text) {
      if (!resumeFrom) sink.push(Buffer.from(text.head(plan.meta), 'utf8'));
      for await (const page of pages) {
        await counted(page);
        if (page.bytes) {
          sink.push(page.bytes);
          services.pageWorkers.recycle(page.bytes);
        }
        if (sink.full && page.position) {
          // A resumable file is checkpointed only between pages, when the rows so far are in the sink.
          const checkpoint = { v: 2 as const, after: page.position, rows: page.rowsSoFar };
          await sink.cut((state) => lease.beat(checkpoint.rows, { ...checkpoint, ...state }));
        }
      }
      sink.push(Buffer.from(text.tail(plan.meta, rows), 'utf8'));
    } else {
      async function* batches(): AsyncIterable<readonly Row[]> {
        for await (const page of pages) {
          await counted(page);
          if (page.rowData) yield page.rowData;
        }
      }
      for await (const chunk of writer.write(batches(), plan.meta)) {
        sink.push(chunk);
        if (sink.full) await sink.cut();
        await turn();
      }
    }

    // Last chance to notice a cancellation before the file becomes visible.
    await lease.beat(rows);
    const file = await sink.commit({
      contentType: job.contentType,
      fileName: job.fileName,
      metadata: { jobid: job.id, organizationid: job.organizationId },
    });
    return { rowCount: rows, ...file, blobName: plan.blobName, resumed: resumeFrom !== undefined };
  } finally {
    await pages.return(undefined);
    await sink.settle();
  }
}
