import type { Row } from '../domain/datasets.js';
import type { Format } from '../domain/formats.js';
import type { CsvOptions } from '../domain/job.js';
import type { DatasetQuery, KeysetPosition } from './datasetSource.js';

/**
 * How a page comes back: encoded in the export's text format (CSV, JSON, NDJSON) — the bytes of
 * the file for those rows — or as rows, for a writer that keeps state across pages (XLSX, PDF).
 */
export type PageEncoding =
  | { readonly kind: 'text'; readonly format: Extract<Format, 'csv' | 'json' | 'ndjson'>; readonly csv: CsvOptions }
  | { readonly kind: 'rows' };

/** One planned page of an export: the rows of `query` from `after` through `through`. */
export interface PageTask {
  readonly query: DatasetQuery;
  readonly encoding: PageEncoding;
  /** Rows of the file before this page (a text format may depend on it: JSON's separators). */
  readonly rowsBefore: number;
}

export interface PageResult {
  readonly rows: number;
  /** Keyset position of the page's last row; undefined for an empty page. */
  readonly last: KeysetPosition | undefined;
  /** The page's bytes (text encodings). */
  readonly bytes?: Uint8Array;
  /** The page's rows (`rows` encoding). */
  readonly rowData?: readonly Row[];
}

/**
 * Reads and encodes pages of exports, several at once and off the thread that answers requests:
 * the reading (SQLite is synchronous) and the encoding are most of an export's CPU time. Results
 * keep their AppError codes (DATABASE_UNAVAILABLE stays retryable). The export pipeline plans the
 * pages, keeps about twice `parallelism` of them in flight and takes the results in order.
 */
export interface PageWorkers {
  /** Pages worked on at once. */
  readonly parallelism: number;
  run(task: PageTask): Promise<PageResult>;
  /**
   * Hands back a page's bytes once the caller has copied them on, so the workers can reuse the
   * memory (the caller must not touch them afterwards). Optional to call.
   */
  recycle(bytes: Uint8Array): void;
  /** Stops the workers; pages still running are rejected. */
  close(): Promise<void>;
}
