/**
 * A stand-in for one Azure SQL database, just deep enough to run Kysely's real Migrator and our
 * start-up check against it without a server: Kysely compiles every statement with its MSSQL compiler,
 * this driver records the T-SQL (with the connection that sent it) and answers the few statements the
 * migration path issues — catalog introspection, the two Kysely tables, sp_getapplock /
 * sp_releaseapplock with real exclusive-lock semantics across connections, CREATE TABLE/INDEX with
 * SQL Server's "already exists" error, transactions that undo their DDL on rollback.
 *
 * Several Kysely instances built on one FakeSqlServer behave like several processes migrating the
 * same database at once. Statements it does not understand fail loudly, so a change in what the code
 * issues cannot pass unnoticed.
 */
import type { CompiledQuery } from 'kysely';
import {
  Kysely,
  MssqlAdapter,
  MssqlIntrospector,
  MssqlQueryCompiler,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
} from 'kysely';

export interface Statement {
  /** Which connection sent it (1, 2, …), like a SQL Server session id. */
  readonly session: number;
  /** Which Kysely instance ("process") sent it. */
  readonly client: string;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** How the fake answers sp_getapplock: grant (waiting for another holder) or refuse with a code. */
export type LockBehaviour = { kind: 'grant' } | { kind: 'refuse'; code: number; unlessPrincipal?: string };

class SqlServerError extends Error {
  constructor(
    readonly number: number,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

const quoted = (sql: string, after: RegExp): string | undefined => after.exec(sql)?.[1];

export class FakeSqlServer {
  readonly log: Statement[] = [];
  readonly tables = new Set<string>();
  readonly indexes = new Set<string>();
  lockRow = false;
  executed: { name: string; timestamp: string }[] = [];
  lock: LockBehaviour = { kind: 'grant' };
  /** Tables the next catalog read leaves out: another migrator created them a moment after it. */
  createdJustAfterNextCatalogRead = new Set<string>();
  /** Session holding the migration application lock, if any, and who waits for it. */
  private holder: number | undefined;
  private waiters: (() => void)[] = [];
  private sessions = 0;

  /** A database that `npm run migrate` has brought to the given migrations. */
  static migrated(names: readonly string[]): FakeSqlServer {
    const server = new FakeSqlServer();
    server.tables.add('kysely_migration').add('kysely_migration_lock');
    server.lockRow = true;
    server.executed = names.map((name, i) => ({ name, timestamp: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString() }));
    return server;
  }

  /** A Kysely instance (one "process") on this database; `adapter` defaults to the one the dialect would make. */
  client<DB>(name: string, adapter: () => DialectAdapter = () => new MssqlAdapter()): Kysely<DB> {
    const driver: Driver = {
      init: async () => undefined,
      acquireConnection: async () => this.connection(name, ++this.sessions),
      beginTransaction: async (c) => (c as FakeConnection).begin(),
      commitTransaction: async (c) => (c as FakeConnection).commit(),
      rollbackTransaction: async (c) => (c as FakeConnection).rollback(),
      releaseConnection: async () => undefined,
      destroy: async () => undefined,
    };
    return new Kysely<DB>({
      dialect: {
        createAdapter: adapter,
        createDriver: () => driver,
        createIntrospector: (db) => new MssqlIntrospector(db),
        createQueryCompiler: () => new MssqlQueryCompiler(),
      },
    });
  }

  private connection(client: string, session: number): FakeConnection {
    return new FakeConnection(this, client, session);
  }

  /** Executes one statement for a session; `undo` collects how to revert it in a rollback. */
  async execute(session: number, sql: string, parameters: readonly unknown[], undo: (() => void)[]): Promise<unknown[]> {
    const s = sql.trim();
    if (/^select .* from "sys"\."tables" as "tables"/s.test(s)) {
      const hidden = this.createdJustAfterNextCatalogRead;
      this.createdJustAfterNextCatalogRead = new Set();
      return [...this.tables]
        .filter((t) => !hidden.has(t))
        .map((t) => ({
          table_name: t,
          table_type: 'U ',
          table_schema_name: 'dbo',
          column_name: 'id',
          type_name: 'nvarchar',
          column_default_object_id: 0,
          column_generated_always_type: 'NOT_APPLICABLE',
          column_is_nullable: false,
          type_is_nullable: true,
        }));
    }
    if (s.startsWith('create table ')) {
      const table = quoted(s, /^create table "([^"]+)"/) as string;
      if (this.tables.has(table)) throw new SqlServerError(2714, `There is already an object named '${table}' in the database.`);
      this.tables.add(table);
      undo.push(() => this.tables.delete(table));
      return [];
    }
    if (/^create (unique )?index /.test(s)) {
      const index = quoted(s, /^create (?:unique )?index "([^"]+)"/) as string;
      const table = quoted(s, / on "([^"]+)"/) as string;
      if (!this.tables.has(table)) throw new SqlServerError(1088, `Cannot find the object "${table}".`);
      if (this.indexes.has(index))
        throw new SqlServerError(1913, `The operation failed because an index named '${index}' already exists.`);
      this.indexes.add(index);
      undo.push(() => this.indexes.delete(index));
      return [];
    }
    // Later migrations: column changes and data backfills on existing tables.
    if (/^(alter table|update|delete from|insert into) "([^"]+)"/.test(s) && !/"kysely_migration/.test(s)) {
      this.requireTable(quoted(s, /^(?:alter table|update|delete from|insert into) "([^"]+)"/) as string);
      return [];
    }
    if (s.startsWith('drop index ')) {
      const index = quoted(s, /^drop index "([^"]+)"/) as string;
      this.indexes.delete(index);
      return [];
    }
    if (s.startsWith('drop table ')) {
      const table = quoted(s, /^drop table "([^"]+)"/) as string;
      this.tables.delete(table);
      return [];
    }
    if (/^select "id" from "kysely_migration_lock" where "id" = @1$/.test(s)) {
      this.requireTable('kysely_migration_lock');
      return this.lockRow ? [{ id: parameters[0] }] : [];
    }
    if (/^insert into "kysely_migration_lock" \("id", "is_locked"\) values \(@1, @2\)$/.test(s)) {
      this.requireTable('kysely_migration_lock');
      if (this.lockRow) throw new SqlServerError(2627, 'Violation of PRIMARY KEY constraint. Cannot insert duplicate key.');
      this.lockRow = true;
      return [];
    }
    if (/^select "name"(, "timestamp")? from "kysely_migration"$/.test(s)) {
      this.requireTable('kysely_migration');
      return this.executed.map((e) => ({ ...e }));
    }
    if (/^insert into "kysely_migration" \("name", "timestamp"\) values \(@1, @2\)$/.test(s)) {
      this.requireTable('kysely_migration');
      const name = parameters[0] as string;
      if (this.executed.some((e) => e.name === name))
        throw new SqlServerError(2627, 'Violation of PRIMARY KEY constraint. Cannot insert duplicate key.');
      this.executed.push({ name, timestamp: parameters[1] as string });
      undo.push(() => (this.executed = this.executed.filter((e) => e.name !== name)));
      return [];
    }
    if (/\bexec (@result = )?sp_getapplock\b/.test(s)) return this.getAppLock(session, s);
    if (/\bexec sp_releaseapplock\b/.test(s)) return this.releaseAppLock(session, s);
    throw new Error(`fake SQL Server does not understand: ${s}`);
  }

  private requireTable(table: string): void {
    if (!this.tables.has(table)) throw new SqlServerError(208, `Invalid object name '${table}'.`);
  }

  private async getAppLock(session: number, sql: string): Promise<unknown[]> {
    const principal = quoted(sql, /@DbPrincipal = N?'([^']+)'/);
    const refuse = this.lock.kind === 'refuse' && this.lock.unlessPrincipal !== principal ? this.lock : undefined;
    // sp_getapplock reports a refusal through its return code; it raises no error.
    if (refuse) return /exec @result =/.test(sql) ? [{ result: refuse.code }] : [];
    let waited = false;
    while (this.holder !== undefined && this.holder !== session) {
      waited = true;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    this.holder = session;
    return /exec @result =/.test(sql) ? [{ result: waited ? 1 : 0 }] : [];
  }

  private releaseAppLock(session: number, sql: string): unknown[] {
    const conditional = /^if applock_mode\(/.test(sql);
    if (this.holder !== session) {
      if (conditional) return [];
      throw new SqlServerError(
        1223,
        "Cannot release the application lock (Database Principal: 'dbo', Resource: 'kysely_migration') because it is not currently held.",
      );
    }
    this.holder = undefined;
    this.waiters.splice(0).forEach((wake) => wake());
    return [];
  }

  /** Every statement a session sent, in order. */
  of(session: number): Statement[] {
    return this.log.filter((s) => s.session === session);
  }
}

class FakeConnection implements DatabaseConnection {
  private undo: (() => void)[] | undefined;
  constructor(
    private readonly server: FakeSqlServer,
    private readonly client: string,
    private readonly session: number,
  ) {}

  private record(sql: string, parameters: readonly unknown[] = []): void {
    this.server.log.push({ session: this.session, client: this.client, sql, parameters });
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    this.record(query.sql, query.parameters);
    const undo = this.undo ?? [];
    // Yield first, as a network round trip does, so concurrent clients interleave.
    await new Promise((resolve) => setImmediate(resolve));
    const rows = await this.server.execute(this.session, query.sql, query.parameters, undo);
    return { rows: rows as R[], numAffectedRows: 1n };
  }

  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the migration path does not stream');
  }

  begin(): void {
    this.record('begin transaction');
    this.undo = [];
  }

  commit(): void {
    this.record('commit transaction');
    this.undo = undefined;
  }

  rollback(): void {
    this.record('rollback transaction');
    this.undo?.reverse().forEach((revert) => revert());
    this.undo = undefined;
  }
}
