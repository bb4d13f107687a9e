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
}

export interface RowBatch {
  readonly rows: readonly Row[];
  /** Keyset position of the batch's last row. */
  readonly last: KeysetPosition;
}

/**
 * The portal's data, read tenant-scoped in a stable order, batch by batch (keyset pages), so
 * memory is bounded by one batch and no connection is held between batches.
 */
export interface DatasetSource {
  read(query: DatasetQuery): AsyncIterable<RowBatch>;
  count(query: Omit<DatasetQuery, 'columns' | 'after'>): Promise<number>;
  snapshot(): Promise<Snapshot>;
  organizationName(organizationId: string): Promise<string | undefined>;
  /** The organization's dashboard totals over the range (tenant-scoped, bounded by the snapshot). */
  dashboard(query: Omit<DatasetQuery, 'columns' | 'after' | 'dataType' | 'userId'>): Promise<DashboardTotals>;
}
