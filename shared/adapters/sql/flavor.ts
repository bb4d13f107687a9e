import type { SelectQueryBuilder } from 'kysely';

export type SqlKind = 'sqlite' | 'mssql';

/**
 * The few places where SQLite and T-SQL differ, kept in one object so queries stay one code path.
 */
export interface SqlFlavor {
  readonly kind: SqlKind;
  /** First `n` rows: `LIMIT n` (SQLite) or `TOP (n)` (T-SQL). */
  page<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, n: number): SelectQueryBuilder<DB, TB, O>;
  /** Only the `n`-th row (0-based) of an ordered query: `LIMIT 1 OFFSET n` or `OFFSET n ROWS FETCH NEXT 1 ROWS ONLY`. */
  nth<DB, TB extends keyof DB, O>(qb: SelectQueryBuilder<DB, TB, O>, n: number): SelectQueryBuilder<DB, TB, O>;
}

export const sqliteFlavor: SqlFlavor = {
  kind: 'sqlite',
  page: (qb, n) => qb.limit(n),
  nth: (qb, n) => qb.limit(1).offset(n),
};

export const mssqlFlavor: SqlFlavor = {
  kind: 'mssql',
  page: (qb, n) => qb.top(n),
  nth: (qb, n) => qb.offset(n).fetch(1),
};

/** Drivers return BIGINT as string (tedious) or number; counts here always fit in a double. */
export const toNumber = (v: number | string | bigint | null): number | null => (v === null ? null : Number(v));

export const toBool = (v: number | boolean | null): boolean | null => (v === null ? null : Boolean(v));
