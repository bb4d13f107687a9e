import type { CellValue, Row } from '../../domain/datasets.js';
import type { RowBatch } from '../../ports/datasetSource.js';

/**
 * How the SELECT of an export page maps to cells: its select aliases in order, which column is
 * which cell, which need converting, and the keyset. Free of Kysely on purpose: the page threads
 * run compiled statements with better-sqlite3 alone (Kysely would add ≈ 12 MB to each thread).
 */
export interface RowShape {
  readonly aliases: readonly string[];
  /** Column name → index into the select list. */
  readonly cells: Readonly<Record<string, number>>;
  /** Select indexes of 0/1 (or bit) columns that are booleans. */
  readonly booleans: ReadonlySet<number>;
  /** Select indexes of counts a driver may return as strings (BIGINT). */
  readonly counts: ReadonlySet<number>;
  /** Select indexes of the keyset (timestamp, id). */
  readonly key: readonly [number, number];
}

function shape(
  aliases: readonly string[],
  cells: Record<string, string>,
  booleans: string[],
  counts: string[],
  key: [string, string],
): RowShape {
  const at = (alias: string) => aliases.indexOf(alias);
  return {
    aliases,
    cells: Object.fromEntries(Object.entries(cells).map(([name, alias]) => [name, at(alias)])),
    booleans: new Set(booleans.map(at)),
    counts: new Set(counts.map(at)),
    key: [at(key[0]), at(key[1])],
  };
}

export const SESSION_SELECT = [
  's.id',
  's.user_id',
  'u.email',
  's.started_at',
  's.ended_at',
  's.duration_seconds',
  's.page_views',
  's.bounced',
  's.device',
  's.browser',
  's.country',
  's.entry_page',
] as const;

export const USER_SELECT = [
  'u.id',
  'u.email',
  'u.display_name',
  'u.role',
  'u.department',
  'u.country',
  'u.created_at',
  'u.last_login_at',
  'u.is_active',
] as const;

export const rowShapes = {
  sessions: shape(
    SESSION_SELECT.map((c) => c.slice(2)),
    {
      sessionId: 'id',
      userId: 'user_id',
      userEmail: 'email',
      startedAt: 'started_at',
      endedAt: 'ended_at',
      durationSeconds: 'duration_seconds',
      pageViews: 'page_views',
      bounced: 'bounced',
      device: 'device',
      browser: 'browser',
      country: 'country',
      entryPage: 'entry_page',
    },
    ['bounced'],
    [],
    ['started_at', 'id'],
  ),
  users: shape(
    [...USER_SELECT.map((c) => c.slice(2)), 'session_count'],
    {
      userId: 'id',
      email: 'email',
      displayName: 'display_name',
      role: 'role',
      department: 'department',
      country: 'country',
      createdAt: 'created_at',
      lastLoginAt: 'last_login_at',
      isActive: 'is_active',
      sessionCount: 'session_count',
    },
    ['is_active'],
    ['session_count'],
    ['created_at', 'id'],
  ),
} as const;

export type ShapedDataType = keyof typeof rowShapes;

/** Raw select rows → the query's rows (cells in the requested order) and the last keyset; undefined when empty. */
export function toBatch(raw: readonly unknown[][], columns: readonly string[], s: RowShape): RowBatch | undefined {
  const last = raw[raw.length - 1];
  if (!last) return undefined;
  const picks = columns.map((c) => s.cells[c] ?? -1);
  const kinds = picks.map((i) => (s.booleans.has(i) ? 1 : s.counts.has(i) ? 2 : 0));
  const convert = (v: CellValue | bigint | undefined, kind: number | undefined): CellValue =>
    v === undefined || v === null ? null : kind === 1 ? Boolean(v) : kind === 2 ? Number(v) : (v as CellValue);
  // Every column in select order (the usual export): convert the driver's arrays in place rather
  // than allocate a second array per row (2,000 per page, ≈ 110 MB of garbage per 1M rows).
  const inPlace = picks.length === s.aliases.length && picks.every((p, i) => p === i);
  const rows: Row[] = inPlace ? (raw as unknown as Row[]) : new Array<Row>(raw.length);
  for (let r = 0; r < raw.length; r++) {
    const record = raw[r] as unknown[];
    if (inPlace) {
      for (let c = 0; c < record.length; c++) if (kinds[c] !== 0) record[c] = convert(record[c] as CellValue, kinds[c]);
      continue;
    }
    const row = new Array<CellValue>(picks.length);
    for (let c = 0; c < picks.length; c++) row[c] = convert(record[picks[c] as number] as CellValue, kinds[c]);
    rows[r] = row;
  }
  return { rows, last: [last[s.key[0]] as string, last[s.key[1]] as string] };
}
