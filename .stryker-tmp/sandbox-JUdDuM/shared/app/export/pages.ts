// @ts-nocheck
import type { Row } from '../../domain/datasets.js';
import type { DatasetQuery, DatasetSource, KeysetPosition } from '../../ports/datasetSource.js';

/**
 * The dataset's rows, page by page, as the writer pulls them: step 2 of the pipeline. It keeps
 * count of the rows handed out and the keyset position of the last one, which is what a checkpoint
 * records.
 */
export interface PageReader {
  readonly batches: AsyncIterable<readonly Row[]>;
  /** Rows handed to the writer so far (including those before a resume). */
  readonly rows: number;
  /** Keyset position of the last row handed out; undefined before the first. */
  readonly position: KeysetPosition | undefined;
  /** True once the source has no more rows (the writer is writing its tail). */
  readonly finished: boolean;
}

export function readPages(
  source: DatasetSource,
  query: DatasetQuery,
  start: { readonly rows: number; readonly after: KeysetPosition } | undefined,
  onBatch: (rows: number) => Promise<void>,
): PageReader {
  let rows = start?.rows ?? 0;
  let position = start?.after;
  let finished = false;
  async function* batches(): AsyncIterable<readonly Row[]> {
    for await (const batch of source.read({ ...query, ...(position ? { after: position } : {}) })) {
      rows += batch.rows.length;
      position = batch.last;
      await onBatch(rows);
      yield batch.rows;
    }
    finished = true;
  }
  return {
    batches: batches(),
    get rows() {
      return rows;
    },
    get position() {
      return position;
    },
    get finished() {
      return finished;
    },
  };
}
