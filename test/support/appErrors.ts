import { AppError } from '../../shared/domain/errors.js';

/** The AppError a call throws; fails the test if it returns, and re-throws anything else. */
export const thrown = (call: () => unknown): AppError => {
  try {
    call();
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
};

/** The AppError a promise rejects with; fails the test if it resolves, and re-throws anything else. */
export const rejection = (p: Promise<unknown>): Promise<AppError> =>
  p.then(
    () => {
      throw new Error('expected an AppError');
    },
    (e: unknown) => {
      if (e instanceof AppError) return e;
      throw e;
    },
  );
