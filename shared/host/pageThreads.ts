import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CompiledPageRead } from '../adapters/sql/datasetSource.js';
import type { Config } from '../config/config.js';
import { AppError, type ErrorCode } from '../domain/errors.js';
import type { PageResult, PageTask, PageWorkers } from '../ports/pageWorkers.js';

/** What a page thread needs to open its own connection to the source data. */
export interface PageThreadData {
  readonly db: Config['db'];
  readonly pageSize: number;
}

/**
 * Messages between the pool and a thread: a page to work on (with its SELECT compiled here, so a
 * SQLite thread needs no query builder), or page memory handed back.
 */
export type ToThread =
  | { readonly id: number; readonly task: PageTask; readonly statement: CompiledPageRead | undefined }
  | { readonly recycled: ArrayBuffer };
export type FromThread =
  | { readonly id: number; readonly result: PageResult }
  | { readonly id: number; readonly error: { readonly code: ErrorCode; readonly message: string; readonly retryable: boolean } };

/**
 * The compiled thread entry. Tests run the TypeScript sources, but a worker thread needs
 * JavaScript, so they use the build in dist/ (the integration setup rebuilds it when stale).
 */
function threadScript(): string {
  return __filename.endsWith('.ts')
    ? resolve(__dirname, '..', '..', 'dist', 'shared', 'host', 'pageThread.js')
    : join(__dirname, 'pageThread.js');
}

interface Thread {
  readonly worker: Worker;
  readonly pending: Map<number, { resolve(r: PageResult): void; reject(e: unknown): void }>;
}

/**
 * PageWorkers on worker threads: each thread opens its own read connection (SQLite in WAL mode
 * lets them read beside the request thread's writes) and reads and encodes whole pages, so the
 * thread that answers requests only plans pages and moves finished bytes (transferred, not
 * copied). Threads start at the first page and are unreferenced while idle, so they never keep a
 * process alive. A thread that dies fails its pages with a retryable error and is replaced.
 */
export function threadPageWorkers(
  data: PageThreadData,
  threads: number,
  options: {
    /** The page's SELECT; undefined for pages that are no single statement (analytics). */
    readonly compile: (task: PageTask) => CompiledPageRead | undefined;
    /** Where pages without a statement run (analytics: a few hundred aggregated rows at most). */
    readonly inline: PageWorkers;
  },
): PageWorkers {
  const pool: (Thread | undefined)[] = Array.from({ length: threads }, () => undefined);
  let nextId = 1;
  let closed = false;
  /** Which thread a page's memory came from, to hand it back there. */
  const origin = new WeakMap<ArrayBufferLike, Thread>();

  const start = (slot: number): Thread => {
    const worker = new Worker(threadScript(), {
      workerData: data,
      // A thread holds a few pages at a time. V8's default young generation (up to 48 MB per
      // thread) would mostly hold garbage and count in the process's memory; at 4 MB the thread
      // spent 1.7 s of 7 s collecting (measured, 1M-row CSV); 8 MB halves that for ≈ +4 MB RSS.
      resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
    });
    const thread: Thread = { worker, pending: new Map() };
    const failAll = (error: AppError): void => {
      for (const p of thread.pending.values()) p.reject(error);
      thread.pending.clear();
      if (pool[slot] === thread) pool[slot] = undefined;
    };
    worker.on('message', (message: FromThread) => {
      const p = thread.pending.get(message.id);
      if (!p) return;
      thread.pending.delete(message.id);
      if (thread.pending.size === 0) worker.unref();
      if ('result' in message) {
        if (message.result.bytes) origin.set(message.result.bytes.buffer, thread);
        p.resolve(message.result);
      } else p.reject(new AppError(message.error.code, message.error.message, { retryable: message.error.retryable }));
    });
    worker.on('error', () => failAll(new AppError('INTERNAL', 'An export page thread failed.', { retryable: true })));
    worker.on('exit', () => failAll(new AppError('INTERNAL', 'An export page thread stopped.', { retryable: true })));
    worker.unref();
    pool[slot] = thread;
    return thread;
  };

  /** The thread with the fewest tasks, started if needed. */
  const pick = (): Thread => {
    let best: { thread: Thread; load: number } | undefined;
    for (let slot = 0; slot < pool.length; slot++) {
      const thread = pool[slot] ?? start(slot);
      if (!best || thread.pending.size < best.load) best = { thread, load: thread.pending.size };
    }
    return (best as { thread: Thread }).thread;
  };

  return {
    parallelism: threads,
    run(task) {
      if (closed)
        return Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'The export page threads are closed.', { retryable: true }));
      const statement = options.compile(task);
      if (!statement && data.db.kind === 'sqlite') return options.inline.run(task);
      const thread = pick();
      const id = nextId++;
      return new Promise<PageResult>((resolveTask, rejectTask) => {
        thread.pending.set(id, { resolve: resolveTask, reject: rejectTask });
        thread.worker.ref();
        thread.worker.postMessage({ id, task, statement } satisfies ToThread);
      });
    },
    recycle(bytes) {
      const thread = origin.get(bytes.buffer);
      if (!thread || closed || pool.every((t) => t !== thread)) return;
      origin.delete(bytes.buffer);
      const memory = bytes.buffer as ArrayBuffer;
      thread.worker.postMessage({ recycled: memory } satisfies ToThread, [memory]);
    },
    async close() {
      closed = true;
      await Promise.all(pool.flatMap((thread) => (thread ? [thread.worker.terminate()] : [])));
    },
  };
}
