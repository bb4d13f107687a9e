import {
  Kysely,
  Migrator,
  SqliteDialect,
  type SqliteDatabase as KyselySqliteDatabase,
  type SqliteStatement as KyselySqliteStatement,
} from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations.js';
import { mssqlFlavor, sqliteFlavor, type SqlFlavor } from './flavor.js';
import { LockCheckingMssqlDialect } from './mssqlMigrationLock.js';
import { requireSchemaVersion } from './schemaVersion.js';
import type { Database as SqliteDatabase, Statement as SqliteStatement } from 'better-sqlite3';
import type { RawRowRunner } from './datasetSource.js';

export interface SqlHandle {
  readonly db: Kysely<Database>;
  readonly flavor: SqlFlavor;
  /** SQLite only: runs a compiled SELECT as positional rows (better-sqlite3 `.raw()`), for the export reads. */
  readonly rawRows?: RawRowRunner;
}

/** Embedded default: one SQLite file in WAL mode. */
export async function openSqlite(path: string): Promise<SqlHandle> {
  const { default: BetterSqlite3 } = await import('better-sqlite3');
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const database = new BetterSqlite3(path);
  database.pragma('journal_mode = WAL');
  database.pragma('synchronous = NORMAL');
  // 16 MiB: export pages are read on reader connections (openSqliteReader); this one serves jobs,
  // API reads and export planning, and its touched cache counts in the process's memory.
  database.pragma('cache_size = -16384');
  // Other processes (seed, tests, a second worker) may hold the write lock briefly.
  database.pragma('busy_timeout = 5000');
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
  return { db, flavor: sqliteFlavor, rawRows: rawRowRunner(database) };
}

/** Prepared statements kept per SQL text: what the API's queries take on this connection. */
const STATEMENT_CACHE_SIZE = 256;

/**
 * Kysely's SQLite driver prepares every query it runs; preparing (parsing and planning the SQL) cost
 * more than running the small queries of the API (a job by id: ≈ 90 µs prepared each time, ≈ 15 µs
 * reusing the statement, measured). Its queries come in a few hundred shapes, so their statements
 * are kept, least recently used dropped. Reusing a statement is safe here: the driver runs one query
 * at a time on its one connection (a mutex), so a statement is never re-entered while it iterates.
 */
function withStatementCache(database: SqliteDatabase): KyselySqliteDatabase {
  const statements = new Map<string, KyselySqliteStatement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (statement) {
        // Most recently used last: the first key is the one to drop.
        statements.delete(sql);
      } else {
        statement = database.prepare(sql);
        if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value as string);
      }
      statements.set(sql, statement);
      return statement;
    },
  };
}

/** Prepared `.raw()` statements, cached by SQL text (the export issues a handful of shapes). */
function rawRowRunner(database: SqliteDatabase): RawRowRunner {
  const statements = new Map<string, SqliteStatement<unknown[], unknown[]>>();
  return (query) => {
    let statement = statements.get(query.sql);
    if (!statement) {
      if (statements.size >= 64) statements.clear();
      statement = database.prepare<unknown[], unknown[]>(query.sql).raw(true);
      statements.set(query.sql, statement);
    }
    return statement.all(...query.parameters);
  };
}

export interface MssqlOptions {
  readonly server: string;
  readonly database: string;
  /** Client id of a user-assigned managed identity; system-assigned/developer identity when absent. */
  readonly clientId?: string;
  readonly poolMax?: number;
  /** Per-statement timeout, ms; 0 = none (migrations: an index build on a large table may take long). */
  readonly requestTimeoutMs?: number;
}

/**
 * Azure SQL over tedious with Entra authentication (managed identity in Azure, the developer's
 * az/azd login elsewhere) and encryption on. No passwords anywhere.
 */
export async function openMssql(options: MssqlOptions): Promise<SqlHandle> {
  const tedious = await import('tedious');
  const tarn = await import('tarn');
  const db = new Kysely<Database>({
    dialect: new LockCheckingMssqlDialect({
      tarn: { ...tarn, options: { min: 0, max: options.poolMax ?? 10 } },
      tedious: {
        ...tedious,
        connectionFactory: () =>
          new tedious.Connection({
            server: options.server,
            authentication: {
              type: 'azure-active-directory-default',
              options: options.clientId ? { clientId: options.clientId } : {},
            },
            options: {
              database: options.database,
              encrypt: true,
              trustServerCertificate: false,
              port: 1433,
              connectTimeout: 30_000,
              requestTimeout: options.requestTimeoutMs ?? 120_000,
            },
          }),
      },
    }),
  });
  return { db, flavor: mssqlFlavor };
}

/**
 * Applies pending migrations and returns the names of those it applied (none when the schema is
 * current: running it again changes nothing). On SQL Server it holds an exclusive application lock
 * while it reads and applies them (mssqlMigrationLock.ts), so concurrent runs apply each migration
 * once. Throws with the failing migration's name.
 */
export async function migrate(handle: SqlHandle): Promise<string[]> {
  const migrator = new Migrator({ db: handle.db, provider: migrationProvider(handle.flavor.kind) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(failed ? `migration ${failed} failed` : `migration failed: ${errorText(error)}`, { cause: error });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}

const errorText = (e: unknown): string => (e instanceof Error ? `${e.name}: ${e.message}` : String(e));

/**
 * The schema step of a start-up. The embedded SQLite file belongs to the process, which migrates it
 * itself. Azure SQL is migrated by the deployment (`npm run migrate`, an azd hook) with an identity
 * that may change the schema; the app's own user may not (no DDL rights), so a start-up only checks
 * the version — one SELECT, no DDL, no lock — and fails with SchemaVersionError when it is behind.
 */
export async function prepareSchema(handle: SqlHandle): Promise<void> {
  if (handle.flavor.kind === 'sqlite') await migrate(handle);
  else await requireSchemaVersion(handle.db, handle.flavor.kind);
}
