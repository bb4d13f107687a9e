/**
 * The schema-version check and `npm run migrate` on real SQLite files: the same Kysely migrations and
 * the same check that Azure SQL gets (migrationTsql.test.ts covers the T-SQL side), plus the CLI as a
 * separate process of the compiled app.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, openSqlite, prepareSchema, type SqlHandle } from '../../../../shared/adapters/sql/connect.js';
import { migrationProvider } from '../../../../shared/adapters/sql/migrations.js';
import {
  SchemaVersionError,
  expectedSchemaVersion,
  knownMigrations,
  requireSchemaVersion,
} from '../../../../shared/adapters/sql/schemaVersion.js';

const repoRoot = join(__dirname, '..', '..', '..', '..');
let dir: string;
let handle: SqlHandle;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'schema-version-'));
  handle = await openSqlite(join(dir, 'export.db'));
});

afterEach(async () => {
  await handle.db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const check = () => requireSchemaVersion(handle.db, handle.flavor.kind);

describe('the expected schema version', () => {
  it('is the last migration in the code, not a constant', async () => {
    const names = Object.keys(await migrationProvider('sqlite').getMigrations()).sort();
    expect(await expectedSchemaVersion('sqlite')).toBe(names.at(-1));
    expect(await knownMigrations('mssql')).toEqual(await knownMigrations('sqlite'));
  });
});

describe('requireSchemaVersion on SQLite', () => {
  it('fails on a database that was never migrated, and creates nothing', async () => {
    await expect(check()).rejects.toBeInstanceOf(SchemaVersionError);
    await expect(check()).rejects.toThrow(/no schema yet.*npm run migrate/);
    const tables = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(handle.db);
    expect(tables.rows).toEqual([]);
  });

  it('passes once migrated, and a second migrate applies nothing', async () => {
    expect(await migrate(handle)).toEqual(await knownMigrations('sqlite'));
    await expect(check()).resolves.toBeUndefined();
    expect(await migrate(handle)).toEqual([]);
  });

  it('fails when the database is behind, naming the missing migration', async () => {
    await migrate(handle);
    const last = await expectedSchemaVersion('sqlite');
    await sql`delete from kysely_migration where name = ${last}`.execute(handle.db);
    const error = await check().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaVersionError);
    expect((error as Error).message).toContain(`expects ${last} (missing: ${last})`);
  });

  it('passes when the database is ahead (rolling back the code keeps working)', async () => {
    await migrate(handle);
    await sql`insert into kysely_migration (name, timestamp) values ('9999_newer', '2030-01-01T00:00:00.000Z')`.execute(
      handle.db,
    );
    await expect(check()).resolves.toBeUndefined();
  });

  it('prepareSchema migrates the embedded SQLite file itself (the local host)', async () => {
    await prepareSchema(handle);
    await expect(check()).resolves.toBeUndefined();
  });
});

describe('npm run migrate (dist/local/migrate-cli.js)', () => {
  const run = (path: string) =>
    spawnSync(process.execPath, [join(repoRoot, 'dist', 'local', 'migrate-cli.js')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, EXPORT_DB_KIND: 'sqlite', EXPORT_SQLITE_PATH: path },
      timeout: 60_000,
    });

  it('migrates, then finds nothing to do, and says so', async () => {
    const path = join(dir, 'cli.db');
    const version = await expectedSchemaVersion('sqlite');
    const first = run(path);
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toContain(`is at schema version ${version} (applied ${(await knownMigrations('sqlite')).join(', ')})`);
    const second = run(path);
    expect(second.status, second.stderr).toBe(0);
    expect(second.stdout).toContain(`is at schema version ${version} (nothing to apply)`);
  });

  it('exits non-zero with the reason when it cannot open the database', () => {
    const result = spawnSync(process.execPath, [join(repoRoot, 'dist', 'local', 'migrate-cli.js')], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, EXPORT_DB_KIND: 'mssql' },
      timeout: 60_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/migrate failed: .*EXPORT_SQL_SERVER is required/);
  });
});
