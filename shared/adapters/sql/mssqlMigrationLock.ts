import { DEFAULT_MIGRATION_TABLE, MssqlAdapter, MssqlDialect, sql, type DialectAdapter, type Kysely } from 'kysely';

/** How long a second `npm run migrate` waits for one already running before it gives up, ms. */
export const MIGRATION_LOCK_TIMEOUT_MS = 10 * 60_000;

/** The application lock every migrator of the database takes: one resource name, database-wide. */
const LOCK_RESOURCE = DEFAULT_MIGRATION_TABLE;

/**
 * `public` instead of Kysely's `dbo`: sp_getapplock checks that the caller belongs to the principal,
 * so with `dbo` only db_owner members could migrate — and sp_getapplock does not raise when it
 * refuses, it returns a negative code. Any migrator (db_ddladmin + read/write is enough) can take a
 * `public` lock; every migrator takes the same one, so they still exclude each other.
 */
const LOCK_PRINCIPAL = 'public';

/** Why sp_getapplock refused (its documented negative return codes). */
const REFUSALS: Readonly<Record<number, string>> = {
  [-1]: 'timed out waiting for another migration to finish',
  [-2]: 'the lock request was cancelled',
  [-3]: 'chosen as a deadlock victim',
  [-999]: 'parameter or permission error',
};

/** The migration lock of a SQL Server database could not be taken; nothing was migrated. */
export class MigrationLockError extends Error {
  override readonly name = 'MigrationLockError';
}

/**
 * Kysely's MSSQL adapter with a migration lock that fails loudly. Kysely's own lock ignores the
 * return code of sp_getapplock (so a refused lock lets migrations run unlocked, and the release then
 * fails with error 1223 after they committed) and needs db_owner. This one:
 * - takes an exclusive, session-owned application lock, waiting up to MIGRATION_LOCK_TIMEOUT_MS for
 *   a concurrent migrator, and throws MigrationLockError unless it was granted;
 * - releases it only when this session holds it, so a failed acquire reports its own error.
 * Kysely reads the executed migrations and runs the pending ones (in one transaction) only between
 * the two, on the same connection: two `npm run migrate` at once apply each migration once.
 */
export class LockCheckingMssqlAdapter extends MssqlAdapter {
  override async acquireMigrationLock(db: Kysely<unknown>): Promise<void> {
    const { rows } = await sql<{ result: number }>`declare @result int;
exec @result = sp_getapplock @Resource = ${sql.lit(LOCK_RESOURCE)}, @LockMode = ${sql.lit('Exclusive')}, @LockOwner = ${sql.lit('Session')}, @LockTimeout = ${sql.lit(MIGRATION_LOCK_TIMEOUT_MS)}, @DbPrincipal = ${sql.lit(LOCK_PRINCIPAL)};
select @result as result;`.execute(db);
    const result = Number(rows[0]?.result ?? Number.NaN);
    // 0: granted at once; 1: granted after waiting for another session.
    if (result !== 0 && result !== 1) {
      throw new MigrationLockError(
        `could not take the migration lock: sp_getapplock returned ${result} (${REFUSALS[result] ?? 'unknown code'})`,
      );
    }
  }

  override async releaseMigrationLock(db: Kysely<unknown>): Promise<void> {
    await sql`if applock_mode(${sql.lit(LOCK_PRINCIPAL)}, ${sql.lit(LOCK_RESOURCE)}, ${sql.lit('Session')}) <> ${sql.lit('NoLock')}
exec sp_releaseapplock @Resource = ${sql.lit(LOCK_RESOURCE)}, @LockOwner = ${sql.lit('Session')}, @DbPrincipal = ${sql.lit(LOCK_PRINCIPAL)};`.execute(
      db,
    );
  }
}

/** Kysely's MssqlDialect with the lock-checking adapter; everything else (tedious, tarn) unchanged. */
export class LockCheckingMssqlDialect extends MssqlDialect {
  override createAdapter(): DialectAdapter {
    return new LockCheckingMssqlAdapter();
  }
}
