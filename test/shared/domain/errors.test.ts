import { describe, expect, it } from 'vitest';
import { AppError, isAppError, toSafeError } from '../../../shared/domain/errors.js';

describe('AppError', () => {
  it('carries its code, message, name and cause; not retryable unless said so', () => {
    const cause = new Error('driver said no');
    const e = new AppError('DATABASE_UNAVAILABLE', 'The database is unavailable.', { cause });
    expect(e).toBeInstanceOf(Error);
    expect(e.name).toBe('AppError');
    expect(e.code).toBe('DATABASE_UNAVAILABLE');
    expect(e.message).toBe('The database is unavailable.');
    expect(e.cause).toBe(cause);
    expect(e.retryable).toBe(false);
    expect(new AppError('NOT_FOUND', 'x').options).toEqual({});
  });

  it('is retryable when created so', () => {
    expect(new AppError('STORAGE_UNAVAILABLE', 'x', { retryable: true }).retryable).toBe(true);
    expect(new AppError('STORAGE_UNAVAILABLE', 'x', { retryable: false }).retryable).toBe(false);
  });

  it('isAppError tells AppErrors from other errors and non-errors', () => {
    expect(isAppError(new AppError('INTERNAL', 'x'))).toBe(true);
    expect(isAppError(new Error('x'))).toBe(false);
    expect(isAppError({ code: 'INTERNAL', message: 'x' })).toBe(false);
  });
});

describe('toSafeError', () => {
  it('keeps an AppError’s code, message and retryability', () => {
    expect(toSafeError(new AppError('ROW_CAP_EXCEEDED', 'Too many rows.', { retryable: false }))).toEqual({
      code: 'ROW_CAP_EXCEEDED',
      message: 'Too many rows.',
      retryable: false,
    });
    expect(toSafeError(new AppError('LEASE_LOST', 'Lost.', { retryable: true }))).toEqual({
      code: 'LEASE_LOST',
      message: 'Lost.',
      retryable: true,
    });
  });

  it('hides anything else behind a fixed internal message', () => {
    expect(toSafeError(new Error("SELECT * FROM users WHERE email = 'a@b.c'"))).toEqual({
      code: 'INTERNAL',
      message: 'The export failed because of an internal error.',
      retryable: false,
    });
    expect(toSafeError('a string')).toEqual({
      code: 'INTERNAL',
      message: 'The export failed because of an internal error.',
      retryable: false,
    });
  });
});
