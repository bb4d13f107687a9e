import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodePage } from '../../shared/app/export/encodePage.js';
import { datasets, type DataType } from '../../shared/domain/datasets.js';
import { isAppError } from '../../shared/domain/errors.js';
import type { Snapshot } from '../../shared/domain/job.js';
import type { DatasetQuery, DatasetSource, KeysetPosition } from '../../shared/ports/datasetSource.js';
import { planned } from './datasetSourceContract.js';
import type { PageEncoding, PageResult, PageTask, PageWorkers } from '../../shared/ports/pageWorkers.js';

/** Page workers under test, and a source over the same data to compute what each page must be. */
export interface PageWorkersTarget {
  readonly workers: PageWorkers;
  /** Reads the same rows the workers read (the reference for every result). */
  readonly source: DatasetSource;
  /** An organization with at least a few pages of sessions and users in 2026-01-01 … 2026-06-30. */
  readonly organizationId: string;
  cleanup(): Promise<void>;
}

const encodings: readonly [string, PageEncoding][] = [
  ['csv', { kind: 'text', format: 'csv', csv: { delimiter: ';', includeBom: true } }],
  ['json', { kind: 'text', format: 'json', csv: { delimiter: ',', includeBom: false } }],
  ['ndjson', { kind: 'text', format: 'ndjson', csv: { delimiter: ',', includeBom: false } }],
  ['rows', { kind: 'rows' }],
];

const plain = (r: PageResult) => ({
  rows: r.rows,
  last: r.last,
  text: r.bytes ? Buffer.from(r.bytes).toString('utf8') : undefined,
  rowData: r.rowData,
});

/**
 * The PageWorkers contract: a page comes back exactly as encodePage makes it from the source (text
 * or rows, any rowsBefore), however many pages are in flight and in whatever order they finish;
 * handing bytes back changes no later result; after close, work is refused with a retryable error.
 */
export function pageWorkersContract(name: string, open: () => Promise<PageWorkersTarget>): void {
  describe(`PageWorkers contract — ${name}`, () => {
    let target: PageWorkersTarget;
    let snapshot: Snapshot;
    const query = (dataType: DataType, o: Partial<DatasetQuery> = {}): DatasetQuery => ({
      dataType,
      organizationId: target.organizationId,
      from: '2026-01-01',
      to: '2026-06-30',
      columns: datasets[dataType].columns.map((c) => c.name),
      snapshot,
      ...o,
    });
    /** The planned tasks of a whole read, with the rows before each page. */
    const tasksOf = async (q: DatasetQuery, encoding: PageEncoding): Promise<PageTask[]> => {
      const ends = await target.source.pageEnds(planned(q), 10_000);
      let after: KeysetPosition | undefined;
      let before = 0;
      return ends.map((end) => {
        const task: PageTask = { query: { ...q, ...(after ? { after } : {}), through: end.last }, encoding, rowsBefore: before };
        after = end.last;
        before += end.rows;
        return task;
      });
    };

    beforeAll(async () => {
      target = await open();
      snapshot = await target.source.snapshot();
    });
    afterAll(async () => target?.cleanup());

    it.each(encodings)('returns each page as encodePage makes it from the source (%s)', async (_name, encoding) => {
      for (const dataType of ['sessions', 'users'] as const) {
        const tasks = await tasksOf(query(dataType), encoding);
        expect(tasks.length, `${dataType}: several pages`).toBeGreaterThan(2);
        // Every page at once: more than the workers' parallelism, finishing in any order.
        const results = await Promise.all(tasks.map((t) => target.workers.run(t)));
        for (const [i, task] of tasks.entries()) {
          expect(plain(results[i] as PageResult), `${dataType} page ${i}`).toEqual(plain(await encodePage(target.source, task)));
        }
      }
    });

    it('encodes a page with its rows-before (JSON separators) and a chosen subset of columns', async () => {
      const q = query('sessions', { columns: ['bounced', 'startedAt', 'userEmail'] });
      const [first, second] = await tasksOf(q, encodings[1]![1]);
      const asSecond = { ...first!, rowsBefore: 5 };
      for (const task of [first!, second!, asSecond]) {
        expect(plain(await target.workers.run(task))).toEqual(plain(await encodePage(target.source, task)));
      }
      expect(
        Buffer.from((await target.workers.run(first!)).bytes!)
          .toString()
          .startsWith('\n{"bounced":'),
      ).toBe(true);
      expect(
        Buffer.from((await target.workers.run(asSecond)).bytes!)
          .toString()
          .startsWith(',\n{"bounced":'),
      ).toBe(true);
    });

    it('returns an empty page for a range without rows', async () => {
      const q = query('sessions', { from: '2025-01-01', to: '2025-01-31', through: ['2025-01-31T23:59:59.999Z', 'z'] });
      const page = await target.workers.run({ query: q, encoding: encodings[0]![1], rowsBefore: 0 });
      expect(page.rows).toBe(0);
      expect(page.last).toBeUndefined();
      expect(page.bytes?.byteLength ?? 0).toBe(0);
    });

    it('gives the same results after bytes were handed back for reuse', async () => {
      const tasks = await tasksOf(query('sessions'), encodings[0]![1]);
      const expected = await Promise.all(tasks.map(async (t) => plain(await encodePage(target.source, t))));
      for (let round = 0; round < 2; round++) {
        for (const [i, task] of tasks.entries()) {
          const page = await target.workers.run(task);
          expect(plain(page)).toEqual(expected[i]);
          if (page.bytes) target.workers.recycle(page.bytes);
        }
      }
    });

    // On workers of its own: closing the shared ones would fail whichever test ran after it
    // (a shuffled order showed it).
    it('refuses work after close, with a retryable error', async () => {
      const tasks = await tasksOf(query('users'), encodings[0]![1]);
      const closing = await open();
      try {
        await closing.workers.close();
        const refused = await closing.workers.run(tasks[0]!).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(isAppError(refused) && refused.retryable).toBe(true);
      } finally {
        await closing.cleanup();
      }
    });
  });
}
