// @ts-nocheck
import type { Row } from '../../../domain/datasets.js';
import type { ExportMeta, FileWriter } from './writer.js';

/**
 * A text format encodes a file as head + rows + tail, batch by batch, with no hidden state: the
 * encoding of a batch depends only on the rows and how many rows came before it. That is what
 * lets a crashed export resume mid-file and still produce the same bytes.
 */
export interface TextFormat {
  head(meta: ExportMeta): string;
  rows(rows: readonly Row[], meta: ExportMeta, rowsBefore: number): string;
  tail(meta: ExportMeta, rowCount: number): string;
}

/** A text format as a resumable FileWriter: the head, one chunk per batch, the tail. */
export function textWriter(format: TextFormat): FileWriter {
  return {
    resumable: true,
    async *write(batches, meta, resumeAfterRows) {
      let count = resumeAfterRows ?? 0;
      if (resumeAfterRows === undefined) {
        const head = format.head(meta);
        if (head) yield Buffer.from(head, 'utf8');
      }
      for await (const batch of batches) {
        if (batch.length === 0) continue;
        yield Buffer.from(format.rows(batch, meta, count), 'utf8');
        count += batch.length;
      }
      const tail = format.tail(meta, count);
      if (tail) yield Buffer.from(tail, 'utf8');
    },
  };
}
