// @ts-nocheck
import type { ColumnDef, DatasetDef, Row } from '../../../domain/datasets.js';

/** Everything a writer may print about the export besides the rows (PDF title block, sheet names). */
export interface ExportMeta {
  readonly dataset: DatasetDef;
  /** The export's columns, in order; every row has one cell per column. */
  readonly columns: readonly ColumnDef[];
  readonly organizationName: string;
  readonly organizationId: string;
  readonly dateFrom: string;
  readonly dateTo: string;
  /** ISO timestamp the export was generated at. */
  readonly generatedAt: string;
  /** Number of rows when known up front (PDF title block); undefined otherwise. */
  readonly rowCount?: number;
}

/**
 * A streaming encoder: turns batches of rows into the bytes of one file.
 *
 * It pulls the next batch only when the bytes produced so far have been consumed (backpressure),
 * so memory stays flat however many rows the export has. The output iterable ends when the file is
 * complete; an error thrown by `batches` must propagate out of the output iterable.
 */
export type FormatWriter = (batches: AsyncIterable<readonly Row[]>, meta: ExportMeta) => AsyncIterable<Uint8Array>;

/**
 * A file format as the export pipeline runs it: one interface for every format.
 *
 * A **resumable** writer (CSV, JSON, NDJSON) yields exactly one chunk per batch, right after pulling
 * that batch, plus its head and tail; a batch's bytes depend only on the rows and how many came
 * before. So after any batch the file so far can be checkpointed, and `write(…, resumeAfterRows)`
 * continues it — no head, rows numbered from there — producing the very same bytes. A writer that
 * is not resumable (XLSX, PDF: a zip or a PDF cannot be continued from a byte offset) restarts.
 */
export interface FileWriter {
  readonly resumable: boolean;
  write(batches: AsyncIterable<readonly Row[]>, meta: ExportMeta, resumeAfterRows?: number): AsyncIterable<Uint8Array>;
}

/** A writer that always writes the whole file (zip- and page-based formats). */
export const restartingWriter = (write: FormatWriter): FileWriter => ({
  resumable: false,
  write: (batches, meta) => write(batches, meta),
});
