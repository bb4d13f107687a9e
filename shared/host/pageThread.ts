/**
 * Entry of an export page thread (see pageThreads.ts): opens its own read connection to the source
 * data and reads and encodes the pages it is sent, one at a time, posting back the bytes
 * (transferred) or the rows, or the error with its code.
 */
import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { openMssql, openSqliteReader } from '../adapters/sql/connect.js';
import { sqlDatasetSource } from '../adapters/sql/datasetSource.js';
import { encodePage } from '../app/export/encodePage.js';
import { toSafeError } from '../domain/errors.js';
import type { FromThread, PageThreadData, ToThread } from './pageThreads.js';

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

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('pageThread runs as a worker thread');
  const data = workerData as PageThreadData;
  lowerPriority();
  const handle = data.db.kind === 'sqlite' ? await openSqliteReader(data.db.path) : await openMssql({ ...data.db, poolMax: 2 });
  const source = sqlDatasetSource(handle.db, handle.flavor, data.pageSize, handle.rawRows);
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
        const result = await encodePage(source, message.task, output);
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
