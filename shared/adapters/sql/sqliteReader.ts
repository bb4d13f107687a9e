import type { Statement } from 'better-sqlite3';

/**
 * A read-only SQLite connection that runs compiled SELECTs as positional rows — better-sqlite3
 * alone, no Kysely: what an export page thread needs (see shared/host/pageThreads.ts). WAL lets it
 * read beside the request thread's writes. Its page cache is small: an export reads table pages in
 * time order, scattered over the file, so a large cache would rarely hit and only add memory.
 */
export interface RawSqliteReader {
  /** Runs one SELECT; statements are prepared once per SQL text. */
  rows(sql: string, parameters: readonly unknown[]): unknown[][];
  close(): void;
}

export async function openRawSqliteReader(path: string): Promise<RawSqliteReader> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  const database = new BetterSqlite3(path, { readonly: true, fileMustExist: true });
  database.pragma('cache_size = -2048');
  database.pragma('busy_timeout = 5000');
  const statements = new Map<string, Statement<unknown[], unknown[]>>();
  return {
    rows(sql, parameters) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= 64) statements.clear();
        statement = database.prepare<unknown[], unknown[]>(sql).raw(true);
        statements.set(sql, statement);
      }
      return statement.all(...parameters);
    },
    close: () => database.close(),
  };
}
