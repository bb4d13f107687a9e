import { sql, type CompiledQuery, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Database } from './schema.js';
import { toNumber, type SqlFlavor } from './flavor.js';
import type { DataType, Row } from '../../domain/datasets.js';
import { analyticsRows, daysInRange, noActivity, type DayTotals } from '../../domain/analytics.js';
import type { Snapshot } from '../../domain/job.js';
import type { DatasetQuery, DatasetSource, KeysetPosition, PageEnd, RowBatch } from '../../ports/datasetSource.js';
import { translateSqlError } from './sqlErrors.js';
import { rowShapes, SESSION_SELECT, toBatch, USER_SELECT, type ShapedDataType } from './rowShapes.js';
import { addDays, dayStart } from '../../domain/dates.js';
import { TOP_N, UNKNOWN, type DashboardTotals } from '../../domain/dashboard.js';

/** Rows per keyset page: big enough to amortise a round trip, small enough to bound memory. */
export const PAGE_SIZE = 2000;
/** Days per analytics page. */
const DAYS_PER_PAGE = 92;

/**
 * Runs a compiled SELECT and returns its rows as arrays in select order. The embedded SQLite
 * passes better-sqlite3's `.raw()` prepared statements (measured: 2× faster than row objects and
 * Kysely's per-row mapping); without it the statement goes through Kysely's driver.
 */
export type RawRowRunner = (query: CompiledQuery) => unknown[][];

/** One export page of sessions or users as a compiled SELECT, for a reader that runs SQL without Kysely. */
export interface CompiledPageRead {
  readonly dataType: ShapedDataType;
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

type Bounds = Pick<DatasetQuery, 'from' | 'to' | 'after' | 'through'>;
/**
 * One lower and one upper bound on the time column: the range's, or the keyset's when given.
 * With two lower bounds SQLite seeks on the first and rescans the range from its start on every
 * page (measured: page time grew linearly, 33 → 156 ms by page 500 of a 1M-row export).
 */
function keyset(tsColumn: 's.started_at' | 'u.created_at', idColumn: 's.id' | 'u.id', b: Bounds): Expression<SqlBool>[] {
  const ts = sql.ref<string>(tsColumn);
  const id = sql.ref<string>(idColumn);
  const bounds = [sql<SqlBool>`${ts} >= ${b.after ? b.after[0] : dayStart(b.from)}`];
  if (b.after) {
    const [t, i] = b.after as [string, string];
    bounds.push(sql<SqlBool>`(${ts} > ${t} or ${id} > ${i})`);
  }
  if (b.through) {
    const [t, i] = b.through as [string, string];
    bounds.push(sql<SqlBool>`${ts} <= ${t}`, sql<SqlBool>`(${ts} < ${t} or ${id} <= ${i})`);
  } else {
    bounds.push(sql<SqlBool>`${ts} < ${dayStart(addDays(b.to, 1))}`);
  }
  return bounds;
}

const sessionsFrom = (db: Kysely<Database>, q: Omit<DatasetQuery, 'columns'>) => {
  let qb = db
    .selectFrom('sessions as s')
    .where('s.organization_id', '=', q.organizationId)
    .where('s.seq', '<=', q.snapshot.maxSessionSeq);
  if (q.userId) qb = qb.where('s.user_id', '=', q.userId);
  for (const bound of keyset('s.started_at', 's.id', q)) qb = qb.where(bound);
  return qb;
};
const usersFrom = (db: Kysely<Database>, q: Omit<DatasetQuery, 'columns'>) => {
  let qb = db
    .selectFrom('users as u')
    .where('u.organization_id', '=', q.organizationId)
    .where('u.seq', '<=', q.snapshot.maxUserSeq);
  if (q.userId) qb = qb.where('u.id', '=', q.userId);
  for (const bound of keyset('u.created_at', 'u.id', q)) qb = qb.where(bound);
  return qb;
};

/** The SELECT of one page of sessions or users (the export's join and keyset order); undefined for analytics. */
function pageQuery(db: Kysely<Database>, flavor: SqlFlavor, pageSize: number, q: DatasetQuery) {
  if (q.dataType === 'sessions') {
    const qb = sessionsFrom(db, q)
      .leftJoin('users as u', 'u.id', 's.user_id')
      .select([...SESSION_SELECT])
      .orderBy('s.started_at')
      .orderBy('s.id');
    return flavor.page(qb, pageSize);
  }
  if (q.dataType === 'users') {
    const qb = usersFrom(db, q)
      .select((eb) => [
        ...USER_SELECT,
        eb
          .selectFrom('sessions as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.user_id', '=', 'u.id')
          .where('s.seq', '<=', q.snapshot.maxSessionSeq)
          .as('session_count'),
      ])
      .orderBy('u.created_at')
      .orderBy('u.id');
    return flavor.page(qb, pageSize);
  }
  return undefined;
}

/** One page of sessions or users compiled to SQL text and parameters; undefined for analytics. */

/** The sessions table aliased `s`, as the analytics and dashboard queries read it. */
type SessionsScope = ExpressionBuilder<Database & { s: Database['sessions'] }, 's'>;

/** One set of session totals (a day of analytics, or a dashboard's whole range): one definition for both. */
const sessionTotals = (eb: SessionsScope) =>
  [
    eb.fn.countAll<number>().as('sessions'),
    eb.fn.count<number>('s.user_id').distinct().as('active_users'),
    // bigint: SQL Server's SUM over an int column is an int and fails past 2^31.
    eb.fn.sum<number>(sql`cast(s.duration_seconds as bigint)`).as('total_duration'),
    eb.fn.sum<number>(sql`cast(s.page_views as bigint)`).as('page_views'),
    eb.fn.sum<number>(sql`case when s.bounced = 1 then 1 else 0 end`).as('bounces'),
    eb.fn.sum<number>(sql`case when s.device = 'desktop' then 1 else 0 end`).as('desktop'),
    eb.fn.sum<number>(sql`case when s.device = 'mobile' then 1 else 0 end`).as('mobile'),
    eb.fn.sum<number>(sql`case when s.device = 'tablet' then 1 else 0 end`).as('tablet'),
  ] as const;

export function compilePageRead(
  db: Kysely<Database>,
  flavor: SqlFlavor,
  pageSize: number,
  q: DatasetQuery,
): CompiledPageRead | undefined {
  const query = pageQuery(db, flavor, pageSize, q);
  if (!query || q.dataType === 'analytics') return undefined;
  const { sql: text, parameters } = query.compile();
  return { dataType: q.dataType, sql: text, parameters };
}

/**
 * Reads the portal's data for exports, page by page on a keyset, tenant-scoped and bounded by the
 * job's snapshot. Paging (not one long cursor) releases the connection between pages — SQLite has
 * one connection that API requests share — gives a position to resume from, and lets several
 * readers share one export (`pageEnds` plans the pages, each reader reads its own).
 */
export function sqlDatasetSource(
  db: Kysely<Database>,
  flavor: SqlFlavor,
  pageSize = PAGE_SIZE,
  rawRows?: RawRowRunner,
): DatasetSource {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));
  const run = async (qb: { compile(): CompiledQuery }, aliases: readonly string[]): Promise<unknown[][]> => {
    const compiled = qb.compile();
    if (rawRows) return rawRows(compiled);
    const result = await db.executeQuery<Record<string, unknown>>(compiled);
    return result.rows.map((r) => aliases.map((a) => r[a]));
  };

  async function shapedPage(q: DatasetQuery): Promise<RowBatch | undefined> {
    const query = pageQuery(db, flavor, pageSize, q);
    if (!query || q.dataType === 'analytics') return undefined;
    const shape = rowShapes[q.dataType];
    return toBatch(await run(query, shape.aliases), q.columns, shape);
  }

  /** Every day of the range gets a row (zeros included), so charts have no gaps. */
  async function analyticsPage(q: DatasetQuery): Promise<RowBatch | undefined> {
    const first = q.after ? addDays(q.after[0] as string, 1) : q.from;
    const end = q.through ? (q.through[0] as string) : q.to;
    if (first > end) return undefined;
    const lastCandidate = addDays(first, DAYS_PER_PAGE - 1);
    const last = lastCandidate < end ? lastCandidate : end;
    const day = sql<string>`substring(s.started_at, 1, 10)`;
    let sq = db
      .selectFrom('sessions as s')
      .select((eb) => [day.as('day'), ...sessionTotals(eb)])
      .where('s.organization_id', '=', q.organizationId)
      .where('s.started_at', '>=', dayStart(first))
      .where('s.started_at', '<', dayStart(addDays(last, 1)))
      .where('s.seq', '<=', q.snapshot.maxSessionSeq);
    if (q.userId) sq = sq.where('s.user_id', '=', q.userId);
    const sessionDays = await sq.groupBy(day).execute();

    const created = sql<string>`substring(u.created_at, 1, 10)`;
    let uq = db
      .selectFrom('users as u')
      .select((eb) => [created.as('day'), eb.fn.countAll<number>().as('new_users')])
      .where('u.organization_id', '=', q.organizationId)
      .where('u.created_at', '>=', dayStart(first))
      .where('u.created_at', '<', dayStart(addDays(last, 1)))
      .where('u.seq', '<=', q.snapshot.maxUserSeq);
    if (q.userId) uq = uq.where('u.id', '=', q.userId);
    const userDays = await uq.groupBy(created).execute();

    const totals = new Map<string, DayTotals>();
    const newUsers = new Map(userDays.map((r) => [r.day, toNumber(r.new_users) ?? 0]));
    for (const r of sessionDays) {
      totals.set(r.day, {
        sessions: toNumber(r.sessions) ?? 0,
        activeUsers: toNumber(r.active_users) ?? 0,
        newUsers: newUsers.get(r.day) ?? 0,
        totalDurationSeconds: toNumber(r.total_duration) ?? 0,
        pageViews: toNumber(r.page_views) ?? 0,
        bounces: toNumber(r.bounces) ?? 0,
        desktopSessions: toNumber(r.desktop) ?? 0,
        mobileSessions: toNumber(r.mobile) ?? 0,
        tabletSessions: toNumber(r.tablet) ?? 0,
      });
    }
    for (const [d, n] of newUsers) if (!totals.has(d)) totals.set(d, { ...noActivity, newUsers: n });
    const rows: Row[] = analyticsRows(first, last, totals).map((cells) => q.columns.map((c) => cells[c] ?? null));
    return { rows, last: [last] };
  }

  const pages: Record<DataType, (q: DatasetQuery) => Promise<RowBatch | undefined>> = {
    sessions: shapedPage,
    users: shapedPage,
    analytics: analyticsPage,
  };

  /** The keyset of the `n`-th row (0-based) after the query's position, or of its last row. */
  async function keyAt(q: Omit<DatasetQuery, 'columns'>, n: number | 'last'): Promise<KeysetPosition | undefined> {
    const direction = n === 'last' ? 'desc' : 'asc';
    let statement: { compile(): CompiledQuery };
    if (q.dataType === 'sessions') {
      const qb = sessionsFrom(db, q)
        .select(['s.started_at as ts', 's.id as id'])
        .orderBy('s.started_at', direction)
        .orderBy('s.id', direction);
      statement = n === 'last' ? flavor.page(qb, 1) : flavor.nth(qb, n);
    } else {
      const qb = usersFrom(db, q)
        .select(['u.created_at as ts', 'u.id as id'])
        .orderBy('u.created_at', direction)
        .orderBy('u.id', direction);
      statement = n === 'last' ? flavor.page(qb, 1) : flavor.nth(qb, n);
    }
    const row = (await run(statement, ['ts', 'id']))[0];
    return row ? [row[0] as string, row[1] as string] : undefined;
  }

  return {
    async *read(q: DatasetQuery): AsyncIterable<RowBatch> {
      let after = q.after;
      for (;;) {
        const batch = await guard(() => pages[q.dataType]({ ...q, ...(after ? { after } : {}) }));
        if (!batch) return;
        after = batch.last;
        yield batch;
        if (q.dataType !== 'analytics' && batch.rows.length < pageSize) return;
        // better-sqlite3 is synchronous: without a turn of the event loop between pages, a
        // reader on the request thread runs page after page and API requests sharing the process wait.
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },

    pageEnds: (q, count) =>
      guard(async () => {
        const ends: PageEnd[] = [];
        let after = q.after;
        while (ends.length < count) {
          const from = { ...q, ...(after ? { after } : {}) };
          if (q.dataType === 'analytics') {
            const first = after ? addDays(after[0] as string, 1) : q.from;
            if (first > q.to) break;
            const candidate = addDays(first, DAYS_PER_PAGE - 1);
            const last = candidate < q.to ? candidate : q.to;
            ends.push({ last: [last], rows: daysInRange(first, last) });
            after = [last];
            continue;
          }
          const full = await keyAt(from, pageSize - 1);
          if (full) {
            ends.push({ last: full, rows: pageSize });
            after = full;
            continue;
          }
          // Fewer than a page left: the range's last page, if any.
          const last = await keyAt(from, 'last');
          if (last) ends.push({ last, rows: await countAfter(from) });
          break;
        }
        return ends;
      }),

    count: (q) => guard(() => countAfter(q)),

    snapshot: () =>
      guard(async () => {
        const s = await db
          .selectFrom('sessions')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow();
        const u = await db
          .selectFrom('users')
          .select((eb) => eb.fn.max('seq').as('m'))
          .executeTakeFirstOrThrow();
        return {
          maxSessionSeq: toNumber(s.m) ?? 0,
          maxUserSeq: toNumber(u.m) ?? 0,
        } satisfies Snapshot;
      }),

    dashboard: (q) =>
      guard(async () => {
        const sessions = () =>
          db
            .selectFrom('sessions as s')
            .where('s.organization_id', '=', q.organizationId)
            .where('s.started_at', '>=', dayStart(q.from))
            .where('s.started_at', '<', dayStart(addDays(q.to, 1)))
            .where('s.seq', '<=', q.snapshot.maxSessionSeq);
        const totals = await sessions().select(sessionTotals).executeTakeFirstOrThrow();
        const created = await db
          .selectFrom('users as u')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('u.organization_id', '=', q.organizationId)
          .where('u.created_at', '>=', dayStart(q.from))
          .where('u.created_at', '<', dayStart(addDays(q.to, 1)))
          .where('u.seq', '<=', q.snapshot.maxUserSeq)
          .executeTakeFirstOrThrow();
        // Most sessions first, then by name (NULL first, as both engines sort it ascending).
        const top = async (column: 's.country' | 's.entry_page') => {
          const rows = await flavor
            .page(
              sessions()
                .select((eb) => [eb.ref(column).as('name'), eb.fn.countAll<number>().as('n')])
                .groupBy(column)
                .orderBy((eb) => eb.fn.countAll(), 'desc')
                .orderBy(column),
              TOP_N,
            )
            .execute();
          return rows.map((r) => ({ name: r.name ?? UNKNOWN, sessions: toNumber(r.n) ?? 0 }));
        };
        return {
          sessions: toNumber(totals.sessions) ?? 0,
          activeUsers: toNumber(totals.active_users) ?? 0,
          newUsers: toNumber(created.n) ?? 0,
          totalDurationSeconds: toNumber(totals.total_duration) ?? 0,
          pageViews: toNumber(totals.page_views) ?? 0,
          bounces: toNumber(totals.bounces) ?? 0,
          desktopSessions: toNumber(totals.desktop) ?? 0,
          mobileSessions: toNumber(totals.mobile) ?? 0,
          tabletSessions: toNumber(totals.tablet) ?? 0,
          topCountries: await top('s.country'),
          topEntryPages: await top('s.entry_page'),
        } satisfies DashboardTotals;
      }),

    organizationName: (id) =>
      guard(async () => {
        const row = await db.selectFrom('organizations').select('name').where('id', '=', id).executeTakeFirst();
        return row?.name;
      }),
  };

  /** Rows of the range after the query's position (all of them without one). */
  async function countAfter(q: Omit<DatasetQuery, 'columns' | 'through'>): Promise<number> {
    if (q.dataType === 'analytics') return daysInRange(q.after ? addDays(q.after[0] as string, 1) : q.from, q.to);
    const counted =
      q.dataType === 'sessions'
        ? sessionsFrom(db, q).select((eb) => eb.fn.countAll<number>().as('n'))
        : usersFrom(db, q).select((eb) => eb.fn.countAll<number>().as('n'));
    const rows = await run(counted, ['n']);
    return toNumber((rows[0]?.[0] ?? 0) as number) ?? 0;
  }
}
