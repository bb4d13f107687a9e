/**
 * Entry of an export page thread (see pageThreads.ts): opens its own read connection to the source
 * data and reads and encodes the pages it is sent, one at a time, posting back the bytes
 * (transferred) or the rows, or the error with its code.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { rowShapes, toBatch } from '../adapters/sql/rowShapes.js';
import { openRawSqliteReader } from '../adapters/sql/sqliteReader.js';
import { encodePage } from '../app/export/encodePage.js';
import type { DatasetSource, RowBatch } from '../ports/datasetSource.js';
import type { PageTask } from '../ports/pageWorkers.js';
import { toSafeError } from '../domain/errors.js';
import type { FromThread, PageThreadData, ToThread } from './pageThreads.js';

type ToThreadTask = Extract<ToThread, { task: PageTask }>;

/**
 * Exports are background work: on Linux a thread has its own scheduling priority, so a lower one
 * (nice 10) lets the request thread of the same process win the CPU while exports run.
 */
function lowerPriority(): void {
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) setPriority(tid, 10);
  } catch {
    // Not Linux, or not permitted: same priority as the request thread.
  }
}

/**
 * Where a thread reads a page. SQLite: the statement compiled by the pool, run with better-sqlite3
 * alone. Azure SQL: the SQL dataset source over the thread's own small pool (Kysely and tedious
 * are loaded only then).
 */
async function pageSources(
  data: PageThreadData,
): Promise<(task: PageTask, statement: ToThreadTask['statement']) => Pick<DatasetSource, 'read'>> {
  if (data.db.kind === 'sqlite') {
    const reader = await openRawSqliteReader(data.db.path);
    return (task, statement) => ({
      async *read(): AsyncIterable<RowBatch> {
        if (!statement) throw new Error(`no statement for a ${task.query.dataType} page`);
        const batch = toBatch(
          reader.rows(statement.sql, statement.parameters),
          task.query.columns,
          rowShapes[statement.dataType],
        );
        if (batch) yield batch;
      },
    });
  }
  const { openMssql } = await import('../adapters/sql/connect.js');
  const { sqlDatasetSource } = await import('../adapters/sql/datasetSource.js');
  const handle = await openMssql({ ...data.db, poolMax: 2 });
  const source = sqlDatasetSource(handle.db, handle.flavor, data.pageSize);
  return () => source;
}

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pageThread runs as a worker thread');
  const data = workerData as PageThreadData;
  lowerPriority();
  const sourceFor = await pageSources(data);
  // Page memory the pipeline handed back: reused for the next pages instead of allocating (and
  // leaving the request thread to collect what it was sent).
  const spare: ArrayBuffer[] = [];
  const output = (byteLength: number): Uint8Array => {
    const fits = spare.findIndex((b) => b.byteLength >= byteLength);
    const memory = fits >= 0 ? (spare.splice(fits, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.ceil(byteLength * 1.25));
    return new Uint8Array(memory, 0, byteLength);
  };
  // One page at a time, in the order sent: the pool queues at most two per thread.
  let queue = Promise.resolve();
  port.on('message', (message: ToThread) => {
    if ('recycled' in message) {
      if (spare.length < 4) spare.push(message.recycled);
      return;
    }
    queue = queue.then(async () => {
      try {
        const result = await encodePage(sourceFor(message.task, message.statement), message.task, output);
        const memory = result.bytes?.buffer as ArrayBuffer | undefined;
        port.postMessage({ id: message.id, result } satisfies FromThread, memory ? [memory] : []);
      } catch (e) {
        const { code, message: text, retryable } = toSafeError(e);
        port.postMessage({ id: message.id, error: { code, message: text, retryable } } satisfies FromThread);
      }
    });
  });
}

void main();
