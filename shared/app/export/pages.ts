import { AppError } from '../../domain/errors.js';
import type { DatasetQuery, DatasetSource, KeysetPosition, PageEnd } from '../../ports/datasetSource.js';
import type { PageEncoding, PageResult, PageWorkers } from '../../ports/pageWorkers.js';

/** A page's result, in file order, with the running totals a checkpoint records. */
export interface ExportPage extends PageResult {
  /** Rows of the file up to and including this page (including those before a resume). */
  readonly rowsSoFar: number;
  /** Keyset position of the last row so far. */
  readonly position: KeysetPosition | undefined;
}

/** The query's range from a position, as the planner takes it (no columns, no upper bound). */
function planFrom(query: DatasetQuery, after: KeysetPosition | undefined): Omit<DatasetQuery, 'columns' | 'through'> {
  const range: Omit<DatasetQuery, 'columns' | 'through' | 'after'> = {
    dataType: query.dataType,
    organizationId: query.organizationId,
    from: query.from,
    to: query.to,
    snapshot: query.snapshot,
    ...(query.userId ? { userId: query.userId } : {}),
  };
  return after ? { ...range, after } : range;
}

/**
 * The dataset's pages, read and encoded by the page workers, handed out in file order: step 2 of
 * the pipeline. The source plans where each page ends (cheap: it reads keys, not rows), so the
 * workers can read consecutive pages at once; about two pages per worker are in flight, which
 * bounds memory to a few pages. Because every planned page holds exactly the page size (but the
 * last), each page's `rowsBefore` is known before the pages ahead of it are read.
 */
export async function* readPages(
  source: DatasetSource,
  workers: PageWorkers,
  query: DatasetQuery,
  encoding: PageEncoding,
  start: { readonly rows: number; readonly after: KeysetPosition } | undefined,
): AsyncGenerator<ExportPage> {
  const window = Math.max(2, workers.parallelism * 2);
  const planned: PageEnd[] = [];
  const inFlight: { end: PageEnd; result: Promise<PageResult> }[] = [];
  let after = start?.after;
  let rowsPlanned = start?.rows ?? 0;
  let rowsSoFar = rowsPlanned;
  let position = after;
  let planEnded = false;

  const dispatch = async (): Promise<void> => {
    while (inFlight.length < window) {
      if (planned.length === 0 && !planEnded) {
        const ends = await source.pageEnds(planFrom(query, after), window);
        planEnded = ends.length < window;
        planned.push(...ends);
      }
      const end = planned.shift();
      if (!end) return;
      const task = {
        query: { ...query, ...(after ? { after } : {}), through: end.last },
        encoding,
        rowsBefore: rowsPlanned,
      };
      const result = workers.run(task);
      // Awaited in order below; a later page failing first must not be an unhandled rejection.
      result.catch(() => undefined);
      inFlight.push({ end, result });
      after = end.last;
      rowsPlanned += end.rows;
    }
  };

  for (;;) {
    await dispatch();
    const next = inFlight.shift();
    if (!next) return;
    const page = await next.result;
    if (page.rows !== next.end.rows) {
      // Rows of the snapshot vanished (or appeared) between planning and reading: the plan no
      // longer holds. The next attempt resumes from the last checkpoint with a fresh plan.
      throw new AppError('DATABASE_UNAVAILABLE', 'The source rows changed while the export read them; it will read them again.', {
        retryable: true,
      });
    }
    rowsSoFar += page.rows;
    position = page.last ?? position;
    yield { ...page, rowsSoFar, position };
  }
}
