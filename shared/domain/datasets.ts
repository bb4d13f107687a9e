/**
 * The datasets an organization can export, each declaring its columns once.
 * Writers (CSV, JSON, XLSX, PDF, …) take their headers, cell types and widths from here.
 */

/** Cell type of a column; decides how a writer renders a value. */
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date';

export interface ColumnDef {
  /** Stable machine name, used in JSON keys and in the `columns` request option. */
  readonly name: string;
  /** Human header for CSV/XLSX/PDF. */
  readonly header: string;
  readonly type: ColumnType;
  /** Relative display width in characters (XLSX column width, PDF column share). */
  readonly width: number;
  /** A value of the column's widest fixed shape (ids: a UUID), so a layout can show every value whole. */
  readonly example?: string;
}

/**
 * One cell. Timestamps are ISO-8601 UTC strings (`2026-01-31T23:59:59.000Z`), dates `YYYY-MM-DD`:
 * sources normalise driver values so every writer sees the same representation.
 */
export type CellValue = string | number | boolean | null;

/** One row, cells in the order of the export's columns. */
export type Row = readonly CellValue[];

export const dataTypes = ['sessions', 'users', 'analytics'] as const;
export type DataType = (typeof dataTypes)[number];

export interface DatasetDef {
  readonly dataType: DataType;
  /** Title for documents and sheet names, e.g. "Sessions". */
  readonly title: string;
  readonly columns: readonly ColumnDef[];
}

const col = (name: string, header: string, type: ColumnType, width: number, example?: string): ColumnDef => ({
  name,
  header,
  type,
  width,
  ...(example ? { example } : {}),
});

/** Every id is a UUID: 36 characters, all as wide as this one (hex digits share one width). */
const UUID_EXAMPLE = '00000000-0000-0000-0000-000000000000';

export const datasets: Readonly<Record<DataType, DatasetDef>> = {
  sessions: {
    dataType: 'sessions',
    title: 'Sessions',
    columns: [
      col('sessionId', 'Session ID', 'string', 36, UUID_EXAMPLE),
      col('userId', 'User ID', 'string', 36, UUID_EXAMPLE),
      col('userEmail', 'User email', 'string', 28),
      col('startedAt', 'Started at (UTC)', 'timestamp', 20),
      col('endedAt', 'Ended at (UTC)', 'timestamp', 20),
      col('durationSeconds', 'Duration (s)', 'integer', 10),
      col('pageViews', 'Page views', 'integer', 8),
      col('bounced', 'Bounced', 'boolean', 8),
      col('device', 'Device', 'string', 10),
      col('browser', 'Browser', 'string', 10),
      col('country', 'Country', 'string', 8),
      col('entryPage', 'Entry page', 'string', 30),
    ],
  },
  users: {
    dataType: 'users',
    title: 'Users',
    columns: [
      col('userId', 'User ID', 'string', 36, UUID_EXAMPLE),
      col('email', 'Email', 'string', 28),
      col('displayName', 'Display name', 'string', 24),
      col('role', 'Role', 'string', 10),
      col('department', 'Department', 'string', 18),
      col('country', 'Country', 'string', 8),
      col('createdAt', 'Created at (UTC)', 'timestamp', 20),
      col('lastLoginAt', 'Last login (UTC)', 'timestamp', 20),
      col('isActive', 'Active', 'boolean', 8),
      col('sessionCount', 'Sessions (all time)', 'integer', 10),
    ],
  },
  analytics: {
    dataType: 'analytics',
    title: 'Analytics',
    columns: [
      col('date', 'Date', 'date', 12),
      col('sessions', 'Sessions', 'integer', 10),
      col('activeUsers', 'Active users', 'integer', 10),
      col('newUsers', 'New users', 'integer', 10),
      col('avgDurationSeconds', 'Avg duration (s)', 'number', 12),
      col('totalDurationSeconds', 'Total duration (s)', 'integer', 14),
      col('pageViews', 'Page views', 'integer', 10),
      col('avgPageViews', 'Avg page views', 'number', 10),
      col('bounceRate', 'Bounce rate', 'number', 10),
      col('desktopSessions', 'Desktop sessions', 'integer', 10),
      col('mobileSessions', 'Mobile sessions', 'integer', 10),
      col('tabletSessions', 'Tablet sessions', 'integer', 10),
    ],
  },
};

/**
 * The columns of an export: the dataset's own, or the requested ordered subset.
 * Unknown names must have been rejected by request validation already.
 */
export function selectColumns(dataset: DatasetDef, names?: readonly string[]): readonly ColumnDef[] {
  if (!names || names.length === 0) return dataset.columns;
  return names.map((n) => {
    const c = dataset.columns.find((x) => x.name === n);
    if (!c) throw new Error(`unknown column ${n} for ${dataset.dataType}`);
    return c;
  });
}
