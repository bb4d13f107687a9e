import type { ExportJob } from '../../domain/job.js';
import type { Services } from '../services.js';
import { blockSink } from './blockSink.js';
import { keepLease } from './lease.js';
import { readPages } from './pages.js';
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
 *   prepare (query, metadata, checkpoint) → pages → writer → block sink (gzip, hash, stage)
 *     → lease (heartbeat, cancellation) → commit
 *
 * One loop drives every format: the writer pulls pages as it needs them, and each chunk it yields
 * goes into the sink. For a resumable writer, a full sink is flushed at a batch boundary and the
 * checkpoint written with the heartbeat, so a later attempt continues there with identical bytes
 * (with gzip each block is its own gzip member, which keeps resumed files byte-identical). Memory
 * is bounded by one page plus one block.
 *
 * Every heartbeat is fenced by the lease: when it is lost or the job was cancelled, the export
 * stops with LEASE_LOST and commits nothing.
 */
export async function runExport(services: Services, job: ExportJob, leaseToken: string): Promise<ExportOutcome> {
  const plan = await prepareExport(services, job);
  const { writer, resumeFrom } = plan;
  const lease = keepLease(services, job.id, leaseToken, resumeFrom?.rows ?? 0);
  const sink = blockSink(services.blobs, {
    blobName: plan.blobName,
    blockSize: services.policy.blockSizeBytes,
    gzip: job.request.compression === 'gzip',
    generation: writer.resumable ? 0 : job.attempt,
    ...(resumeFrom ? { resumeFrom } : {}),
  });
  const pages = readPages(services.source, plan.query, resumeFrom, (rows) => lease.beatIfDue(rows));

  let lastTurn = performance.now();
  for await (const chunk of writer.write(pages.batches, plan.meta, resumeFrom?.rows)) {
    sink.push(chunk);
    if (sink.full && !writer.resumable) {
      await sink.flush();
    } else if (sink.full && pages.position && !pages.finished) {
      // A resumable file is checkpointed only between batches, when the rows so far are in the sink.
      await sink.flush();
      await lease.beat(pages.rows, { v: 1, after: pages.position, rows: pages.rows, ...sink.state() });
    }
    if (performance.now() - lastTurn > EVENT_LOOP_TURN_MS) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      lastTurn = performance.now();
    }
  }

  // Last chance to notice a cancellation before the file becomes visible.
  await lease.beat(pages.rows);
  const file = await sink.commit({
    contentType: job.contentType,
    fileName: job.fileName,
    metadata: { jobid: job.id, organizationid: job.organizationId },
  });
  return { rowCount: pages.rows, ...file, blobName: plan.blobName, resumed: resumeFrom !== undefined };
}
