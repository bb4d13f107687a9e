import type { ColumnDef, Row } from '../../../domain/datasets.js';
import type { ExportMeta, FileWriter } from './writer.js';

/** Encodes a batch of rows; `rowsBefore` = rows of the file before this batch. */
export type RowEncoder = (rows: readonly Row[], rowsBefore: number) => string;

/**
 * A text format encodes a file as head + rows + tail, batch by batch, with no hidden state: the
 * encoding of a batch depends only on the rows and how many rows came before it. That is what
 * lets a crashed export resume mid-file with the same bytes, and several threads encode the pages
 * of one export at once.
 */
export interface TextFormat {
  head(meta: ExportMeta): string;
  /** The row encoder for these columns, compiled once per export (one formatter per column). */
  rows(columns: readonly ColumnDef[]): RowEncoder;
  tail(meta: ExportMeta, rowCount: number): string;
}

/** A text format as a resumable FileWriter: the head, one chunk per batch, the tail. */
export function textWriter(format: TextFormat): FileWriter {
  return {
    resumable: true,
    async *write(batches, meta, resumeAfterRows) {
      const encode = format.rows(meta.columns);
      let count = resumeAfterRows ?? 0;
      if (resumeAfterRows === undefined) {
        const head = format.head(meta);
        if (head) yield Buffer.from(head, 'utf8');
      }
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        yield Buffer.from(encode(batch, count), 'utf8');
        count += batch.length;
      }
      const tail = format.tail(meta, count);
      if (tail) yield Buffer.from(tail, 'utf8');
    },
  };
}
