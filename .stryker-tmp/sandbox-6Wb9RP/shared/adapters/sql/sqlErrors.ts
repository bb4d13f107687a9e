// @ts-nocheck
import { AppError, isAppError } from '../../domain/errors.js';

// SQLite: busy/locked; tedious: socket/timeout codes; SQL Server: deadlock victim, throttling,
// failover and "database unavailable" numbers documented as transient for Azure SQL.
const SQLITE_TRANSIENT = new Set(['SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_IOERR']);
const TEDIOUS_TRANSIENT = new Set(['ETIMEOUT', 'ESOCKET', 'ECONNRESET', 'ECONNCLOSED', 'ELOGIN']);
const MSSQL_TRANSIENT_NUMBERS = new Set([1205, 4060, 40197, 40501, 40613, 49918, 49919, 49920, 10928, 10929, 4221]);

/** Translates a driver error into an AppError that says whether retrying may help. */
export function translateSqlError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const err = e as { code?: unknown; number?: unknown };
  const code = typeof err.code === 'string' ? err.code : '';
  const num = typeof err.number === 'number' ? err.number : -1;
  const transient = SQLITE_TRANSIENT.has(code) || TEDIOUS_TRANSIENT.has(code) || MSSQL_TRANSIENT_NUMBERS.has(num);
  return transient
    ? new AppError('DATABASE_UNAVAILABLE', 'The database is temporarily unavailable.', { retryable: true, cause: e })
    : new AppError('INTERNAL', 'A database operation failed.', { cause: e });
}
