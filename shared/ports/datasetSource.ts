import type { DataType, Row } from '../domain/datasets.js';
import type { DashboardTotals } from '../domain/dashboard.js';
import type { Snapshot } from '../domain/job.js';

/** Where to continue a dataset read: the keyset of the last row written. */
export type KeysetPosition = readonly (string | number)[];

export interface DatasetQuery {
  readonly dataType: DataType;
  readonly organizationId: string;
  /** Inclusive calendar dates, UTC. */
  readonly from: string;
  readonly to: string;
  readonly userId?: string;
  /** Column names to return, in order. */
  readonly columns: readonly string[];
  readonly snapshot: Snapshot;
  /** Continue after this row (resume); undefined = from the start. */
  readonly after?: KeysetPosition;
  /** Stop after this row, inclusive (one planned page); undefined = to the end of the range. */
  readonly through?: KeysetPosition;
}

export interface RowBatch {
  readonly rows: readonly Row[];
  /** Keyset position of the batch's last row. */
  readonly last: KeysetPosition;
}

/** Where one page of a read ends, found without reading the page's rows. */
export interface PageEnd {
  /** Keyset position of the page's last row. */
  readonly last: KeysetPosition;
  /** Rows in the page: the source's page size, except for the last page of the range. */
  readonly rows: number;
}

/**
 * The portal's data, read tenant-scoped in a stable order, batch by batch (keyset pages), so
 * memory is bounded by one batch and no connection is held between batches.
 */
export interface DatasetSource {
  read(query: DatasetQuery): AsyncIterable<RowBatch>;
  /**
   * Where the next `count` pages after `query.after` end (`query.through` is ignored): consecutive
   * pages in read order, each of the page size except the range's last one. Fewer than `count`, or
   * none, when the range ends. Reading each page with `after`/`through` set to consecutive ends
   * gives exactly the rows of one `read` — which is what lets several readers share one export.
   */
  pageEnds(query: Omit<DatasetQuery, 'columns' | 'through'>, count: number): Promise<PageEnd[]>;
  count(query: Omit<DatasetQuery, 'columns' | 'after' | 'through'>): Promise<number>;
  snapshot(): Promise<Snapshot>;
  organizationName(organizationId: string): Promise<string | undefined>;
  /** The organization's dashboard totals over the range (tenant-scoped, bounded by the snapshot). */
  dashboard(query: Omit<DatasetQuery, 'columns' | 'after' | 'dataType' | 'userId'>): Promise<DashboardTotals>;
}
