import type { ColumnDef, DatasetDef, Row } from '../domain/datasets.js';

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
 * A format writer turns batches of rows into the bytes of one file.
 *
 * It pulls the next batch only when the bytes produced so far have been consumed (backpressure),
 * so memory stays flat however many rows the export has. The output iterable ends when the file is
 * complete; an error thrown by `batches` must propagate out of the output iterable.
 */
export type FormatWriter = (batches: AsyncIterable<readonly Row[]>, meta: ExportMeta) => AsyncIterable<Uint8Array>;
