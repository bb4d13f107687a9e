import { DEFAULT_MIGRATION_TABLE, type Kysely } from 'kysely';
import type { SqlKind } from './flavor.js';
import { migrationProvider } from './migrations.js';

/**
 * The database schema is older than the code: a migration this build relies on has not been applied.
 * The start-up of an Azure host fails with it (logged as `startup.failed`, answered 503) until
 * `npm run migrate` has run; see infra/README.md.
 */
export class SchemaVersionError extends Error {
  override readonly name = 'SchemaVersionError';
}

/** Every migration this build ships, in the order they apply (Kysely sorts them by name). */
export async function knownMigrations(kind: SqlKind): Promise<string[]> {
  return Object.keys(await migrationProvider(kind).getMigrations()).sort();
}

/** The schema version this build expects: the name of its last migration. */
export async function expectedSchemaVersion(kind: SqlKind): Promise<string> {
  const names = await knownMigrations(kind);
  const last = names.at(-1);
  if (!last) throw new Error('no migrations are defined');
  return last;
}

/** Kysely's record of applied migrations. */
type MigrationTable = Record<string, { name: string; timestamp: string }>;

/** SQL Server: 208 "Invalid object name"; SQLite: "no such table". */
function isMissingTable(e: unknown): boolean {
  const err = e as { number?: unknown; message?: unknown };
  return err.number === 208 || (typeof err.message === 'string' && /no such table/i.test(err.message));
}

/**
 * Checks, with one SELECT and nothing else (no DDL, no lock), that every migration of this build has
 * been applied. A database AHEAD of the code is accepted: migrations are additive, so the previous
 * build keeps working after a rollback of the code.
 *
 * @throws SchemaVersionError when the schema is behind (or was never migrated), naming both versions.
 */
export async function requireSchemaVersion<DB>(db: Kysely<DB>, kind: SqlKind): Promise<void> {
  const expected = await expectedSchemaVersion(kind);
  let applied: string[];
  try {
    const rows = await (db as unknown as Kysely<MigrationTable>).selectFrom(DEFAULT_MIGRATION_TABLE).select('name').execute();
    applied = rows.map((r) => r.name);
  } catch (e) {
    if (!isMissingTable(e)) throw e;
    throw new SchemaVersionError(
      `the database has no schema yet; this build expects schema version ${expected}. Run \`npm run migrate\` against it (see infra/README.md).`,
      { cause: e },
    );
  }
  const missing = (await knownMigrations(kind)).filter((name) => !applied.includes(name));
  if (missing.length > 0) {
    const current = [...applied].sort().at(-1) ?? 'none';
    throw new SchemaVersionError(
      `the database schema is at version ${current}, this build expects ${expected} (missing: ${missing.join(', ')}). Run \`npm run migrate\` before deploying this build (see infra/README.md).`,
    );
  }
}
