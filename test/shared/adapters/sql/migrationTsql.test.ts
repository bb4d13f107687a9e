/**
 * Migrations are a deploy step; a start-up only checks the schema version. Both paths run here with
 * Kysely's real Migrator and MSSQL compiler against a recording stand-in for one Azure SQL database
 * (test/support/fakeSqlServer.ts), so the T-SQL they would send is checked without a server:
 * - the start-up path of an Azure host sends one SELECT: no DDL, no application lock;
 * - `migrate` applies each migration once, under an exclusive application lock that any migrator
 *   (not only db_owner) can take and whose refusal is an error; a second run changes nothing; two
 *   runs at once serialize on the lock;
 * - Kysely's stock lock, run by a migrator that is not db_owner, lets two migrators collide — the
 *   failure the lock-checking adapter exists to prevent (so these checks can fail).
 */
import { MssqlAdapter, type DialectAdapter } from 'kysely';
import { Parser } from 'node-sql-parser/build/transactsql.js';
import { describe, expect, it } from 'vitest';
import { migrate, prepareSchema } from '../../../../shared/adapters/sql/connect.js';
import { mssqlFlavor } from '../../../../shared/adapters/sql/flavor.js';
import {
  LockCheckingMssqlAdapter,
  MIGRATION_LOCK_TIMEOUT_MS,
  MigrationLockError,
} from '../../../../shared/adapters/sql/mssqlMigrationLock.js';
import type { Database } from '../../../../shared/adapters/sql/schema.js';
import { SchemaVersionError, expectedSchemaVersion, knownMigrations } from '../../../../shared/adapters/sql/schemaVersion.js';
import { FakeSqlServer, type Statement } from '../../../support/fakeSqlServer.js';

const handle = (server: FakeSqlServer, name: string, adapter: () => DialectAdapter = () => new LockCheckingMssqlAdapter()) => ({
  db: server.client<Database>(name, adapter),
  flavor: mssqlFlavor,
});

const DDL = /^\s*(create|alter|drop|truncate)\b/i;
const LOCKING = /sp_getapplock|sp_releaseapplock|applock_mode/i;
/** The app's own schema changes (not Kysely's bookkeeping tables). */
const appDdl = (log: readonly Statement[]) => log.filter((s) => DDL.test(s.sql) && !/"kysely_migration/.test(s.sql));
const indexOf = (log: readonly Statement[], re: RegExp) => log.findIndex((s) => re.test(s.sql));

describe('start-up on Azure SQL (prepareSchema)', () => {
  it('sends one SELECT of the applied migrations: no DDL, no application lock, no transaction', async () => {
    const server = FakeSqlServer.migrated(await knownMigrations('mssql'));
    await prepareSchema(handle(server, 'app'));
    expect(server.log.map((s) => s.sql)).toEqual(['select "name" from "kysely_migration"']);
    expect(server.log.filter((s) => DDL.test(s.sql) || LOCKING.test(s.sql) || /transaction/.test(s.sql))).toEqual([]);
  });

  it('accepts a database ahead of the code (a rolled-back build after a newer migration)', async () => {
    const server = FakeSqlServer.migrated([...(await knownMigrations('mssql')), '9999_from_a_newer_build']);
    await expect(prepareSchema(handle(server, 'app'))).resolves.toBeUndefined();
  });

  it('fails with SchemaVersionError, naming both versions, when a migration is missing', async () => {
    const server = FakeSqlServer.migrated([]);
    const error = await prepareSchema(handle(server, 'app')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as Error).name).toBe('SchemaVersionError');
    expect((error as Error).message).toContain(`expects ${await expectedSchemaVersion('mssql')}`);
    expect((error as Error).message).toContain('npm run migrate');
    expect(server.log.filter((s) => DDL.test(s.sql) || LOCKING.test(s.sql))).toEqual([]);
  });

  it('fails with SchemaVersionError when the database was never migrated (error 208)', async () => {
    const server = new FakeSqlServer();
    const error = await prepareSchema(handle(server, 'app')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as Error).message).toMatch(/no schema yet/);
    expect(server.tables.size).toBe(0);
  });
});

describe('npm run migrate on Azure SQL', () => {
  it('applies every migration once, inside the application lock and one transaction', async () => {
    const server = new FakeSqlServer();
    const applied = await migrate(handle(server, 'deploy'));
    expect(applied).toEqual(await knownMigrations('mssql'));
    expect(server.executed.map((e) => e.name)).toEqual(applied);

    const log = server.log;
    const lock = indexOf(log, /sp_getapplock/);
    const begin = indexOf(log, /^begin transaction$/);
    const commit = indexOf(log, /^commit transaction$/);
    const release = indexOf(log, /sp_releaseapplock/);
    expect([lock, begin, commit, release].every((i) => i >= 0)).toBe(true);
    expect(lock).toBeLessThan(begin);
    expect(commit).toBeLessThan(release);
    // Reading what ran and applying what is missing happen only while the lock is held, on its session.
    const session = log[lock]!.session;
    for (const [i, s] of log.entries()) {
      if (appDdl([s]).length || /from "kysely_migration"$|insert into "kysely_migration" /.test(s.sql)) {
        expect(i, s.sql).toBeGreaterThan(begin);
        expect(i, s.sql).toBeLessThan(commit);
        expect(s.session, s.sql).toBe(session);
      }
    }
    expect(appDdl(log).length).toBeGreaterThan(5);
  });

  it('takes an exclusive, session-owned lock any migrator may take, waits for it, and checks the answer', async () => {
    const server = new FakeSqlServer();
    await migrate(handle(server, 'deploy'));
    const acquire = server.log.find((s) => /sp_getapplock/.test(s.sql))!.sql;
    expect(acquire).toMatch(/exec @result = sp_getapplock /);
    expect(acquire).toContain("@LockMode = 'Exclusive'");
    expect(acquire).toContain("@LockOwner = 'Session'");
    expect(acquire).toContain(`@LockTimeout = ${MIGRATION_LOCK_TIMEOUT_MS}`);
    // Not 'dbo': that needs db_owner, and sp_getapplock refuses it silently (return code -999).
    expect(acquire).toContain("@DbPrincipal = 'public'");
    expect(acquire).toMatch(/select @result as result;$/);
    const release = server.log.find((s) => /sp_releaseapplock/.test(s.sql))!.sql;
    expect(release).toMatch(/^if applock_mode\('public', 'kysely_migration', 'Session'\) <> 'NoLock'\n/);
  });

  it('changes nothing when run again: no DDL at all', async () => {
    const server = FakeSqlServer.migrated(await knownMigrations('mssql'));
    const tablesBefore = [...server.tables];
    expect(await migrate(handle(server, 'deploy'))).toEqual([]);
    expect(server.log.filter((s) => DDL.test(s.sql))).toEqual([]);
    expect([...server.tables]).toEqual(tablesBefore);
  });

  it('is safe to run twice at once: the second waits for the lock, then finds nothing to do', async () => {
    const server = new FakeSqlServer();
    const [a, b] = await Promise.all([migrate(handle(server, 'a')), migrate(handle(server, 'b'))]);
    const known = await knownMigrations('mssql');
    expect([a, b].sort((x, y) => y.length - x.length)).toEqual([known, []]);
    expect(server.executed.map((e) => e.name)).toEqual(known);
    // Exactly one session changed the app's schema, and only while it held the lock.
    const sessions = new Set(appDdl(server.log).map((s) => s.session));
    expect(sessions.size).toBe(1);
    const locks = server.log.filter((s) => /sp_getapplock/.test(s.sql));
    expect(new Set(locks.map((s) => s.client))).toEqual(new Set(['a', 'b']));
  });

  it("tolerates a concurrent migrator creating Kysely's bookkeeping table first (error 2714)", async () => {
    const server = new FakeSqlServer();
    // The other migrator created it between our catalog read and our CREATE TABLE.
    server.tables.add('kysely_migration');
    server.createdJustAfterNextCatalogRead.add('kysely_migration');
    expect(await migrate(handle(server, 'late'))).toEqual(await knownMigrations('mssql'));
    expect(server.log.some((s) => s.sql.startsWith('create table "kysely_migration" '))).toBe(true);
  });

  it('fails with MigrationLockError, and changes nothing, when the lock is refused', async () => {
    const server = new FakeSqlServer();
    server.lock = { kind: 'refuse', code: -1 };
    const error = await migrate(handle(server, 'deploy')).catch((e: unknown) => e);
    expect((error as Error).cause).toBeInstanceOf(MigrationLockError);
    expect(String((error as Error).message)).toMatch(
      /MigrationLockError: could not take the migration lock: sp_getapplock returned -1 \(timed out/,
    );
    expect(appDdl(server.log)).toEqual([]);
    expect(server.executed).toEqual([]);
  });

  it("(the finding) with Kysely's stock lock a migrator that is not db_owner runs unlocked, and two collide", async () => {
    const server = new FakeSqlServer();
    // SQL Server refuses @DbPrincipal = 'dbo' to a non-member with return code -999 and no error.
    server.lock = { kind: 'refuse', code: -999, unlessPrincipal: 'public' };
    const stock = () => new MssqlAdapter();
    const results = await Promise.allSettled([migrate(handle(server, 'a', stock)), migrate(handle(server, 'b', stock))]);
    const failures = results.filter((r) => r.status === 'rejected');
    expect(failures.length).toBeGreaterThan(0);
    expect(new Set(appDdl(server.log).map((s) => s.session)).size).toBe(2);

    // The same two runs with the lock-checking adapter under the same server rules: both succeed.
    const fixed = new FakeSqlServer();
    fixed.lock = { kind: 'refuse', code: -999, unlessPrincipal: 'public' };
    await Promise.all([migrate(handle(fixed, 'a')), migrate(handle(fixed, 'b'))]);
    expect(fixed.executed.map((e) => e.name)).toEqual(await knownMigrations('mssql'));
  });

  it('sends statements a T-SQL grammar parses (the lock batches are checked by shape above)', async () => {
    const server = new FakeSqlServer();
    await migrate(handle(server, 'deploy'));
    await prepareSchema(handle(server, 'app'));
    const parser = new Parser();
    const plain = server.log.filter((s) => !LOCKING.test(s.sql) && !/^(begin|commit|rollback) transaction$/.test(s.sql));
    expect(plain.length).toBeGreaterThan(10);
    for (const s of plain) {
      expect(() => parser.astify(s.sql, { database: 'transactsql' }), s.sql).not.toThrow();
    }
  });
});
