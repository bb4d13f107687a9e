import { datasets, selectColumns, type Row } from '../../domain/datasets.js';
import { AppError } from '../../domain/errors.js';
import type { DatasetSource, KeysetPosition } from '../../ports/datasetSource.js';
import type { PageResult, PageTask, PageWorkers } from '../../ports/pageWorkers.js';
import { textFormatFor } from './writers/registry.js';

/**
 * One page of an export, read and encoded: what a page worker does, on whatever thread it runs.
 * The read is bounded by the task's keyset range, so it holds one page.
 */
export async function encodePage(
  source: Pick<DatasetSource, 'read'>,
  task: PageTask,
  /** Memory for the page's bytes (at least `byteLength`); a fresh buffer by default. */
  output: (byteLength: number) => Uint8Array = (n) => Buffer.allocUnsafe(n),
): Promise<PageResult> {
  const rows: Row[] = [];
  let last: KeysetPosition | undefined;
  for await (const batch of source.read(task.query)) {
    for (const row of batch.rows) rows.push(row);
    last = batch.last;
  }
  const { encoding } = task;
  if (encoding.kind === 'rows') return { rows: rows.length, last, rowData: rows };
  const format = textFormatFor(encoding.format, encoding.csv);
  if (!format) throw new Error(`${encoding.format} is not a text format`);
  const columns = selectColumns(datasets[task.query.dataType], task.query.columns);
  const text = format.rows(columns)(rows, task.rowsBefore);
  const length = Buffer.byteLength(text, 'utf8');
  const memory = output(length);
  const bytes = Buffer.from(memory.buffer, memory.byteOffset, length);
  bytes.write(text, 'utf8');
  return { rows: rows.length, last, bytes };
}

/**
 * Page workers on the calling thread, one page at a time: what the unit tests run on their fakes,
 * and what a host without worker threads uses (`EXPORT_WORKER_THREADS=0`).
 */
export function inlinePageWorkers(source: DatasetSource): PageWorkers {
  let closed = false;
  return {
    parallelism: 1,
    run: (task) =>
      closed
        ? Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'The export page workers are closed.', { retryable: true }))
        : encodePage(source, task),
    recycle: () => undefined,
    close: async () => void (closed = true),
  };
}
