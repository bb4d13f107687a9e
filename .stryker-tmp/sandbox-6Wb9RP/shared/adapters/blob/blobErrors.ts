// @ts-nocheck
import { AppError, isAppError } from '../../domain/errors.js';

/** Translates a storage SDK error into an AppError with a retry decision. */
export function translateBlobError(e: unknown): AppError {
  if (isAppError(e)) return e;
  const err = e as { statusCode?: unknown; code?: unknown; name?: unknown };
  const status = typeof err.statusCode === 'number' ? err.statusCode : undefined;
  if (status === 404) return new AppError('NOT_FOUND', 'The export file does not exist.', { cause: e });
  const transient = status === undefined || status === 408 || status === 429 || status >= 500 || err.name === 'AbortError';
  return transient
    ? new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true, cause: e })
    : new AppError('INTERNAL', 'A Blob Storage request was rejected.', { cause: e });
}
