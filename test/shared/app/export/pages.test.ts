import { describe, expect, it } from 'vitest';
import { inlinePageWorkers } from '../../../../shared/app/export/encodePage.js';
import { readPages, type ExportPage } from '../../../../shared/app/export/pages.js';
import type { DatasetQuery, DatasetSource, KeysetPosition } from '../../../../shared/ports/datasetSource.js';
import type { PageEncoding, PageResult, PageTask, PageWorkers } from '../../../../shared/ports/pageWorkers.js';
import type { FixtureSession } from '../../../contracts/datasetFixture.js';
import { ORG_A } from '../../../fakes/fakeServices.js';
import { memoryDatasetSource } from '../../../fakes/memoryDatasetSource.js';

const ALICE = 'a0000000-0000-4000-8000-000000000000';
const BOB = 'b0000000-0000-4000-8000-000000000000';
const rows: PageEncoding = { kind: 'rows' };

/** Session `n` of March 2026 (id s<n>, started on day n at noon), of `userId`. */
const session = (n: number, userId: string): FixtureSession => ({
  id: `s${String(n).padStart(2, '0')}`,
  organizationId: ORG_A,
  userId,
  startedAt: `2026-03-${String(n).padStart(2, '0')}T12:00:00.000Z`,
  endedAt: null,
  durationSeconds: 60,
  pageViews: 1,
  bounced: false,
  device: 'desktop',
  browser: 'Edge',
  country: null,
  entryPage: null,
});
const keyOf = (n: number): KeysetPosition => [
  `2026-03-${String(n).padStart(2, '0')}T12:00:00.000Z`,
  `s${String(n).padStart(2, '0')}`,
];

/** Org A's sessions 1…`count` of March (Bob has every third), read two rows per page. */
async function twoPerPage(count: number) {
  const source = memoryDatasetSource(2);
  await source.addSessions(Array.from({ length: count }, (_, i) => session(i + 1, (i + 1) % 3 === 0 ? BOB : ALICE)));
  const query: DatasetQuery = {
    dataType: 'sessions',
    organizationId: ORG_A,
    from: '2026-03-01',
    to: '2026-03-31',
    columns: ['sessionId'],
    snapshot: await source.snapshot(),
  };
  return { source, query };
}

/** The inline workers, recording each task. */
function recording(source: DatasetSource): PageWorkers & { readonly tasks: PageTask[] } {
  const inline = inlinePageWorkers(source);
  const tasks: PageTask[] = [];
  return {
    ...inline,
    tasks,
    run: (task) => {
      tasks.push(task);
      return inline.run(task);
    },
  };
}

async function all(pages: AsyncIterable<ExportPage>): Promise<ExportPage[]> {
  const out: ExportPage[] = [];
  for await (const page of pages) out.push(page);
  return out;
}
const ids = (page: ExportPage) => page.rowData?.map((row) => row[0]);

describe('readPages', () => {
  it('hands out the planned pages in order, with the rows before each and the running totals', async () => {
    const { source, query } = await twoPerPage(7);
    const workers = recording(source);
    const pages = await all(readPages(source, workers, query, rows, undefined));
    expect(pages.map(ids)).toEqual([['s01', 's02'], ['s03', 's04'], ['s05', 's06'], ['s07']]);
    expect(pages.map((p) => p.rowsSoFar)).toEqual([2, 4, 6, 7]);
    expect(pages.map((p) => p.position)).toEqual([keyOf(2), keyOf(4), keyOf(6), keyOf(7)]);
    expect(workers.tasks.map((t) => t.rowsBefore)).toEqual([0, 2, 4, 6]);
    expect(workers.tasks.map((t) => [t.query.after, t.query.through])).toEqual([
      [undefined, keyOf(2)],
      [keyOf(2), keyOf(4)],
      [keyOf(4), keyOf(6)],
      [keyOf(6), keyOf(7)],
    ]);
  });

  it('continues after a checkpoint, counting the rows written before it', async () => {
    const { source, query } = await twoPerPage(7);
    const workers = recording(source);
    const pages = await all(readPages(source, workers, query, rows, { rows: 40, after: keyOf(2) }));
    expect(pages.map(ids)).toEqual([['s03', 's04'], ['s05', 's06'], ['s07']]);
    expect(pages.map((p) => p.rowsSoFar)).toEqual([42, 44, 45]);
    expect(workers.tasks.map((t) => t.rowsBefore)).toEqual([40, 42, 44]);
  });

  it("plans one user's rows only when the export is for one user", async () => {
    const { source, query } = await twoPerPage(10);
    const pages = await all(readPages(source, inlinePageWorkers(source), { ...query, userId: BOB }, rows, undefined));
    expect(pages.map(ids)).toEqual([['s03', 's06'], ['s09']]);
    expect(pages.map((p) => p.rowsSoFar)).toEqual([2, 3]);
  });

  it('asks the planner for the next pages only while the range has more (one short answer ends it)', async () => {
    const { source, query } = await twoPerPage(5);
    const asked: { after: KeysetPosition | undefined; count: number }[] = [];
    const planner: DatasetSource = {
      ...source,
      pageEnds: (q, count) => {
        asked.push({ after: q.after, count });
        return source.pageEnds(q, count);
      },
    };
    const pages = await all(readPages(planner, inlinePageWorkers(source), query, rows, undefined));
    expect(pages.map(ids)).toEqual([['s01', 's02'], ['s03', 's04'], ['s05']]);
    // Two pages in flight for one worker: the first answer plans two pages, the second one (short) the last.
    expect(asked).toEqual([
      { after: undefined, count: 2 },
      { after: keyOf(4), count: 2 },
    ]);
  });

  it('keeps two pages per worker in flight, no more', async () => {
    const { source, query } = await twoPerPage(16);
    const inline = inlinePageWorkers(source);
    const started: PageTask[] = [];
    const waiting: (() => void)[] = [];
    const gated: PageWorkers = {
      ...inline,
      parallelism: 3,
      run: (task) => {
        started.push(task);
        return new Promise<PageResult>((resolve) => waiting.push(() => resolve(inline.run(task))));
      },
    };
    const pages = readPages(source, gated, query, rows, undefined);
    const first = pages.next();
    for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
    expect(started.map((t) => t.query.through)).toEqual([keyOf(2), keyOf(4), keyOf(6), keyOf(8), keyOf(10), keyOf(12)]);
    // Once pages are taken, the next ones start: all eight pages arrive, in order.
    const release = setInterval(() => waiting.splice(0).forEach((go) => go()), 0);
    try {
      const firstPage = await first;
      const rest = await all({ [Symbol.asyncIterator]: () => pages });
      expect([firstPage.value as ExportPage, ...rest].map((p) => p.rowsSoFar)).toEqual([2, 4, 6, 8, 10, 12, 14, 16]);
    } finally {
      clearInterval(release);
    }
  });

  it('stops with a retryable DATABASE_UNAVAILABLE when a page holds other rows than planned (rows changed under the snapshot)', async () => {
    const { source, query } = await twoPerPage(6);
    // Session s04 is deleted after the pages were planned: its page reads one row instead of two.
    const shrinking: DatasetSource = {
      ...source,
      async *read(q) {
        for await (const batch of source.read(q)) yield { ...batch, rows: batch.rows.filter((row) => row[0] !== 's04') };
      },
    };
    const seen: ExportPage[] = [];
    const reading = (async () => {
      for await (const page of readPages(shrinking, inlinePageWorkers(shrinking), query, rows, undefined)) seen.push(page);
    })();
    await expect(reading).rejects.toMatchObject({
      code: 'DATABASE_UNAVAILABLE',
      message: 'The source rows changed while the export read them; it will read them again.',
      retryable: true,
    });
    expect(seen.map(ids)).toEqual([['s01', 's02']]);
  });
});
