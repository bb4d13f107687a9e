import { mulberry32 } from '../../../shared/adapters/sql/seed.js';
import { AppError } from '../../../shared/domain/errors.js';
import { translateSqlError } from '../../../shared/adapters/sql/sqlErrors.js';
import { sinkLogger } from '../../../shared/adapters/log/jsonLogger.js';
import type { PageWorkers } from '../../../shared/ports/pageWorkers.js';
import type { Logger, LogProps } from '../../../shared/ports/logger.js';
import type { JobRepository } from '../../../shared/ports/jobRepository.js';
import type { Transition, TransitionName } from '../../../shared/domain/lifecycle.js';

/**
 * Fault injection lives here, in test code: every helper wraps one of our ports and leaves the
 * production adapters untouched.
 */

type AsyncMethod = (...args: never[]) => Promise<unknown>;
type Around<F> = F extends (...args: infer A) => Promise<infer R>
  ? (inner: (...args: A) => Promise<R>, n: number, ...args: A) => Promise<R>
  : never;
/** Per-method replacements that get the real method (`inner`) and the 1-based call number. */
export type Arounds<T> = { [K in keyof T]?: T[K] extends AsyncMethod ? Around<T[K]> : never };

/** Wraps some async methods of a port; the others pass through unchanged. */
export function around<T extends object>(port: T, arounds: Arounds<T>): T {
  const calls = new Map<PropertyKey, number>();
  return new Proxy(port, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      const wrap = (
        arounds as Record<PropertyKey, ((inner: unknown, n: number, ...a: unknown[]) => Promise<unknown>) | undefined>
      )[prop];
      if (typeof value !== 'function' || !wrap) return value;
      const inner = (value as (...a: unknown[]) => Promise<unknown>).bind(target);
      return (...args: unknown[]) => {
        const n = (calls.get(prop) ?? 0) + 1;
        calls.set(prop, n);
        return wrap(inner, n, ...args);
      };
    },
  });
}

/** Replaces one named transition: gets the real write (`apply`), its 1-based number among that transition's calls, and its arguments. */
export type TransitionHook = (apply: () => Promise<boolean>, n: number, id: string, transition: Transition) => Promise<boolean>;

/** Wraps the repository's writes of some transitions (claim, heartbeat, complete …); the others pass through. */
export function onTransitions(repo: JobRepository, hooks: Partial<Record<TransitionName, TransitionHook>>): JobRepository {
  const calls = new Map<TransitionName, number>();
  return {
    ...repo,
    apply: (id, transition) => {
      const hook = hooks[transition.name];
      if (!hook) return repo.apply(id, transition);
      const n = (calls.get(transition.name) ?? 0) + 1;
      calls.set(transition.name, n);
      return hook(() => repo.apply(id, transition), n, id, transition);
    },
  };
}

/** What better-sqlite3 throws when another connection holds the write lock, through our translator. */
export const sqliteBusy = (where: string): AppError =>
  translateSqlError(Object.assign(new Error(`SQLITE_BUSY: database is locked (injected: ${where})`), { code: 'SQLITE_BUSY' }));

/** What the blob adapter throws when storage answers 5xx. */
export const storageUnavailable = (): AppError =>
  new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true });

/**
 * Page workers that count the pages and rows they hand out (all rows an attempt read from the
 * database: the pipeline reads only through them) and can fail before handing out page `n`
 * (numbered in the order pages finish; about two per worker are read at once).
 */
export function observedPages(
  workers: PageWorkers,
  o: { beforePage?: (page: number) => void | Promise<void> } = {},
): PageWorkers & { readonly rowsRead: number; readonly pages: number } {
  let rowsRead = 0;
  let pages = 0;
  return {
    ...workers,
    parallelism: workers.parallelism,
    recycle: (bytes) => workers.recycle(bytes),
    close: () => workers.close(),
    async run(task) {
      const page = await workers.run(task);
      pages++;
      await o.beforePage?.(pages);
      rowsRead += page.rows;
      return page;
    },
    get rowsRead() {
      return rowsRead;
    },
    get pages() {
      return pages;
    },
  };
}

export { recordingQueue, type SentMessage } from '../../fakes/recordingQueue.js';

export interface LogLine {
  readonly level: 'info' | 'warn' | 'error';
  readonly msg: string;
  readonly props: LogProps;
}

/** A Logger that keeps every line, for assertions on what the worker reported. */
export function captureLogger(): Logger & { readonly lines: LogLine[]; named(msg: string): LogLine[] } {
  const lines: LogLine[] = [];
  const logger = sinkLogger((level, msg, props) => void lines.push({ level, msg, props }));
  return Object.assign(logger, { lines, named: (msg: string) => lines.filter((l) => l.msg === msg) });
}

/** A seeded random source, so jitter is reproducible (the seed data's generator). */
export const seededRandom = mulberry32;
