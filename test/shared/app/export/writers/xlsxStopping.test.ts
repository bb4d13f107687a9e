/**
 * How the XLSX writer stops: when its consumer returns early (a failed upload, a cancelled job) it
 * pulls no more input than the batch already asked for, closes the input (a database cursor) and
 * its own `return()` settles; when the input fails with something that is not an Error, the
 * consumer still gets an Error.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnDef, Row } from '../../../../../shared/domain/datasets.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';
import { xlsxWriter } from '../../../../../shared/app/export/writers/xlsx.js';

const columns: readonly ColumnDef[] = [{ name: 'text', header: 'Text', type: 'string', width: 20 }];
const meta: ExportMeta = {
  dataset: { dataType: 'users', title: 'Users', columns },
  columns,
  organizationName: 'Acme',
  organizationId: 'org-1',
  dateFrom: '2026-01-01',
  dateTo: '2026-01-31',
  generatedAt: '2026-02-01T08:00:00.000Z',
};
/** Text that deflates poorly (a fixed pseudo-random sequence), so the zip output fills buffers. */
function noise(seed: number, length: number): string {
  let state = seed;
  let text = '';
  while (text.length < length) {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += state.toString(36);
  }
  return text.slice(0, length);
}
const row = (i: number): Row => [`row ${i} ${noise(i + 1, 60)}`];

/** A promise with its resolve function, to hold the input at a point of the test's choosing. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

/** Resolves to 'settled' when the promise settles, or to 'hung' if it has not after `ms` (only a broken writer waits). */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<'settled' | 'hung'> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<'hung'>((resolve) => {
    timer = setTimeout(() => resolve('hung'), ms);
  });
  try {
    return await Promise.race([promise.then(() => 'settled' as const), hung]);
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves once `read()` has stayed the same over several polls (zlib works on the thread pool). */
async function stalled(read: () => number): Promise<number> {
  let last = -1;
  let stable = 0;
  while (stable < 5) {
    await new Promise((resolve) => setTimeout(resolve, 5));
    const now = read();
    stable = now === last ? stable + 1 : 0;
    last = now;
  }
  return last;
}

describe('xlsxWriter: stopping', () => {
  it('takes no further batch after the consumer returned while the input was between batches', async () => {
    const hold = gate();
    let pulledAfterGate = 0;
    let closed = false;
    async function* input(): AsyncGenerator<readonly Row[]> {
      try {
        yield [row(0)];
        await hold.opened;
        // Small single-row batches: far less than the writer's text buffer each.
        for (let i = 1; i <= 3000; i++) {
          pulledAfterGate += 1;
          yield [row(i)];
        }
      } finally {
        closed = true;
      }
    }
    const output = xlsxWriter({ sheetRowLimit: 1_048_576 })(input(), meta)[Symbol.asyncIterator]();
    expect((await output.next()).done).toBe(false);
    const returning = output.return?.(undefined) ?? Promise.resolve();
    hold.open();
    expect(await settlesWithin(returning, 5000)).toBe('settled');
    // The batch the writer was already waiting for arrives; it asks for no other.
    expect(pulledAfterGate).toBe(1);
    expect(closed).toBe(true);
  });

  it('settles when the input ends after the consumer returned', async () => {
    const hold = gate();
    let closed = false;
    async function* input(): AsyncGenerator<readonly Row[]> {
      try {
        yield [row(0)];
        await hold.opened;
      } finally {
        closed = true;
      }
    }
    const output = xlsxWriter({ sheetRowLimit: 1_048_576 })(input(), meta)[Symbol.asyncIterator]();
    expect((await output.next()).done).toBe(false);
    const returning = output.return?.(undefined) ?? Promise.resolve();
    // The writer's sheet stream has closed by the time the input ends.
    await new Promise((resolve) => setImmediate(resolve));
    hold.open();
    expect(await settlesWithin(returning, 5000)).toBe('settled');
    expect(closed).toBe(true);
  });

  it('stops at once when the consumer returns while the writer waits for it to read', async () => {
    let pulled = 0;
    let closed = false;
    async function* input(): AsyncGenerator<readonly Row[]> {
      try {
        // Capped, so a writer without backpressure fails below instead of eating memory.
        while (pulled < 2000) {
          pulled += 1;
          yield Array.from({ length: 10 }, (_, k) => row(pulled * 10 + k));
        }
      } finally {
        closed = true;
      }
    }
    const output = xlsxWriter({ sheetRowLimit: 1_048_576 })(input(), meta)[Symbol.asyncIterator]();
    expect((await output.next()).done).toBe(false);
    const pulledAtStall = await stalled(() => pulled);
    expect(pulledAtStall).toBeLessThan(2000);
    expect(await settlesWithin(output.return?.(undefined) ?? Promise.resolve(), 5000)).toBe('settled');
    expect(pulled).toBe(pulledAtStall);
    expect(closed).toBe(true);
  });

  it('hands the consumer an Error with the cause when the input throws something else', async () => {
    async function* input(): AsyncGenerator<readonly Row[]> {
      yield [row(0)];
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a driver may throw a non-Error; that is the point
      throw 'connection reset';
    }
    const consume = async (): Promise<void> => {
      for await (const chunk of xlsxWriter({ sheetRowLimit: 1_048_576 })(input(), meta)) expect(chunk.length).toBeGreaterThan(0);
    };
    const error: unknown = await consume().then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe('export input failed: connection reset');
    expect((error as Error).cause).toBe('connection reset');
  });
});
