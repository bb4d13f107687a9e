import { gzip } from 'node:zlib';
import { promisify } from 'node:util';
import { datasets, selectColumns, type Row } from '../../domain/datasets.js';
import { AppError } from '../../domain/errors.js';
import type { ExportJob } from '../../domain/job.js';
import { addSeconds } from '../../domain/dates.js';
import type { BlobStore } from '../../ports/blobStore.js';
import type { Clock } from '../../ports/clock.js';
import type { DatasetQuery, DatasetSource, KeysetPosition } from '../../ports/datasetSource.js';
import type { JobRepository } from '../../ports/jobRepository.js';
import type { ExportMeta } from '../../writers/writer.js';
import { writerFor, type WriterSettings } from '../../writers/registry.js';
import { blockIdOf, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint.js';
import { ResumableSha256 } from './sha256.js';

const gzipAsync = promisify(gzip);

export interface RunExportDeps {
  readonly repo: JobRepository;
  readonly blobs: BlobStore;
  readonly source: DatasetSource;
  readonly clock: Clock;
  readonly writers: WriterSettings;
  readonly leaseSeconds: number;
  /** Bytes per staged block; each block boundary is a checkpoint (default 4 MiB). */
  readonly blockSize?: number;
  /** Progress is written at least this often, ms (default 1000). */
  readonly progressIntervalMs?: number;
}

export interface ExportOutcome {
  readonly rowCount: number;
  readonly sizeBytes: number;
  readonly sha256: string;
  readonly blobName: string;
  /** True when this attempt continued from a checkpoint. */
  readonly resumed: boolean;
}

export const blobNameOf = (job: Pick<ExportJob, 'organizationId' | 'id' | 'fileName'>): string =>
  `${job.organizationId}/${job.id}/${job.fileName}`;

/**
 * Streams one export into a committed blob: dataset pages → format writer → [gzip] → staged
 * blocks (sha256 and byte count on the way) → commit. Memory is bounded by one page plus one block.
 *
 * Text formats checkpoint at every block boundary (keyset position, block ids, hash state), so a
 * later attempt resumes there and produces the same bytes; with gzip each block is its own gzip
 * member, which keeps resumed files byte-identical. Binary formats (XLSX, PDF) restart.
 *
 * Every heartbeat is fenced by the lease: when it is lost or the job was cancelled, the export
 * stops with LEASE_LOST and commits nothing.
 */
export async function runExport(deps: RunExportDeps, job: ExportJob, leaseToken: string): Promise<ExportOutcome> {
  const { repo, blobs, source, clock } = deps;
  const blockSize = deps.blockSize ?? 4 * 1024 * 1024;
  const progressMs = deps.progressIntervalMs ?? 1000;
  const req = job.request;
  const dataset = datasets[req.dataType];
  const columns = selectColumns(dataset, req.columns);
  const blobName = blobNameOf(job);
  const snapshot = job.snapshot;
  if (!snapshot) throw new AppError('INTERNAL', 'The job has no snapshot.');
  const query: DatasetQuery = {
    dataType: req.dataType,
    organizationId: job.organizationId,
    from: req.dateRange.from,
    to: req.dateRange.to,
    columns: columns.map((c) => c.name),
    snapshot,
    ...(req.filters.userId ? { userId: req.filters.userId } : {}),
  };
  const organizationName = (await source.organizationName(job.organizationId)) ?? job.organizationId;
  const meta: ExportMeta = {
    dataset,
    columns,
    organizationName,
    organizationId: job.organizationId,
    dateFrom: req.dateRange.from,
    dateTo: req.dateRange.to,
    generatedAt: clock.now().toISOString(),
    ...(req.format === 'pdf'
      ? {
          rowCount: await source.count(query),
        }
      : {}),
  };
  const writer = writerFor(req.format, req.csv, deps.writers);

  let cp: Checkpoint | undefined = writer.kind === 'text' ? decodeCheckpoint(job.checkpoint) : undefined;
  if (cp && cp.blocks.length > 0) {
    // Staged blocks live 7 days or until a commit; if any is gone, start over.
    const staged = new Set(await blobs.stagedBlockIds(blobName));
    if (!cp.blocks.every((b) => staged.has(b))) cp = undefined;
  }
  const hash = new ResumableSha256(cp?.hash);
  const blocks: string[] = [...(cp?.blocks ?? [])];
  let bytes = cp?.bytes ?? 0;
  let rows = cp?.rows ?? 0;
  let lastBeat = clock.now().getTime();

  const beat = async (checkpoint?: Checkpoint) => {
    const ok = await repo.heartbeat(job.id, leaseToken, {
      rowsWritten: rows,
      leaseExpiresAt: addSeconds(clock.now(), deps.leaseSeconds),
      ...(checkpoint ? { checkpoint: encodeCheckpoint(checkpoint) } : {}),
    });
    lastBeat = clock.now().getTime();
    if (!ok) throw new AppError('LEASE_LOST', 'The job was cancelled or taken over by another attempt.');
  };
  const maybeBeat = async () => {
    if (clock.now().getTime() - lastBeat >= progressMs) await beat();
  };

  const stage = async (chunks: Buffer[]) => {
    const plain = Buffer.concat(chunks);
    const data = req.compression === 'gzip' ? await gzipAsync(plain) : plain;
    const id = blockIdOf(blocks.length, writer.kind === 'binary' ? job.attempt : 0);
    await blobs.stageBlock(blobName, id, data);
    hash.update(data);
    bytes += data.byteLength;
    blocks.push(id);
  };

  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const push = (b: Buffer) => {
    pending.push(b);
    pendingBytes += b.byteLength;
  };
  const flush = async () => {
    const chunks = pending;
    pending = [];
    pendingBytes = 0;
    await stage(chunks);
  };

  if (writer.kind === 'text') {
    const fmt = writer.format;
    if (!cp) push(Buffer.from(fmt.head(meta), 'utf8'));
    let after: KeysetPosition | undefined = cp?.after;
    for await (const batch of source.read({ ...query, ...(after ? { after } : {}) })) {
      push(Buffer.from(fmt.rows(batch.rows, meta, rows), 'utf8'));
      rows += batch.rows.length;
      after = batch.last;
      if (pendingBytes >= blockSize) {
        await flush();
        await beat({ v: 1, after, rows, blocks, bytes, hash: hash.state() });
      } else {
        await maybeBeat();
      }
    }
    push(Buffer.from(fmt.tail(meta, rows), 'utf8'));
    if (pendingBytes > 0 || blocks.length === 0) await flush();
  } else {
    async function* rowBatches(): AsyncIterable<readonly Row[]> {
      for await (const batch of source.read(query)) {
        rows += batch.rows.length;
        await maybeBeat();
        yield batch.rows;
      }
    }
    let lastTurn = performance.now();
    for await (const chunk of writer.writer(rowBatches(), meta)) {
      push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      if (pendingBytes >= blockSize) await flush();
      // A writer may render a whole batch synchronously (PDF: dozens of pages); give the event
      // loop a turn every ~20 ms so API requests in the same process are not held up.
      if (performance.now() - lastTurn > 20) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        lastTurn = performance.now();
      }
    }
    if (pendingBytes > 0 || blocks.length === 0) await flush();
  }

  // Last chance to notice a cancellation before the file becomes visible.
  await beat();
  await blobs.commitBlocks(blobName, blocks, {
    contentType: job.contentType,
    fileName: job.fileName,
    metadata: { jobid: job.id, organizationid: job.organizationId },
  });
  return { rowCount: rows, sizeBytes: bytes, sha256: hash.digestHex(), blobName, resumed: cp !== undefined };
}
