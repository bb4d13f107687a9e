import { migrate, openMssql, openSqlite, type SqlHandle } from '../shared/adapters/sql/connect.js';
import { expectedSchemaVersion } from '../shared/adapters/sql/schemaVersion.js';
import { loadDbConfig } from '../shared/config/config.js';
import { localEnv } from './localEnv.js';

/**
 * `npm run migrate`: applies the schema migrations of this build to the database the settings name —
 * the deployment step for Azure SQL (run by the azd predeploy hook, infra/scripts/migrate.sh, or by
 * hand), and the same migrations the local host applies to its SQLite file at start.
 *
 * Azure SQL: EXPORT_DB_KIND=mssql, EXPORT_SQL_SERVER, EXPORT_SQL_DATABASE; it signs in with
 * DefaultAzureCredential (az/azd login, environment credentials, or a managed identity — with
 * AZURE_CLIENT_ID for a user-assigned one). That identity needs db_ddladmin, db_datareader and
 * db_datawriter (or db_owner); the app's own identity has no DDL rights. Safe to run again (nothing
 * to do) and concurrently (an application lock serializes migrators).
 */
async function main(): Promise<void> {
  const db = loadDbConfig(localEnv());
  const where = db.kind === 'sqlite' ? db.path : `${db.server}/${db.database}`;
  const handle: SqlHandle =
    db.kind === 'sqlite'
      ? await openSqlite(db.path)
      : // One connection, no statement timeout: a migration may build an index on a large table.
        await openMssql({ ...db, poolMax: 1, requestTimeoutMs: 0 });
  try {
    const applied = await migrate(handle);
    const version = await expectedSchemaVersion(handle.flavor.kind);
    process.stdout.write(
      applied.length > 0
        ? `migrate: ${where} is at schema version ${version} (applied ${applied.join(', ')})\n`
        : `migrate: ${where} is at schema version ${version} (nothing to apply)\n`,
    );
  } finally {
    await handle.db.destroy();
  }
}

main().catch((e: unknown) => {
  const cause = e instanceof Error && e.cause instanceof Error ? ` — ${e.cause.name}: ${e.cause.message}` : '';
  process.stderr.write(`migrate failed: ${e instanceof Error ? e.message : String(e)}${cause}\n`);
  process.exit(1);
});
