import { sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';
import { toBool, toNumber, type SqlFlavor } from './flavor.js';
import type { CellValue, DataType, Row } from '../../domain/datasets.js';
import { analyticsRows, daysInRange, noActivity, type DayTotals } from '../../domain/analytics.js';
import type { Snapshot } from '../../domain/job.js';
import type { DatasetQuery, DatasetSource, KeysetPosition, RowBatch } from '../../ports/datasetSource.js';
import { translateSqlError } from './sqlErrors.js';
import { addDays, dayStart } from '../../domain/dates.js';
import { TOP_N, UNKNOWN, type DashboardTotals } from '../../domain/dashboard.js';

/** One source row: the dataset's cells by column name, and its keyset position. */
interface KeyedRow {
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly key: KeysetPosition;
}

/** Rows per keyset page: big enough to amortise a round trip, small enough to bound memory. */
export const PAGE_SIZE = 2000;
/** Days per analytics page. */
const DAYS_PER_PAGE = 92;

/**
 * Reads the portal's data for exports, page by page on a keyset, tenant-scoped and bounded by the
 * job's snapshot. Paging (not one long cursor) releases the connection between pages — SQLite has
 * one connection that API requests share — and gives a position to resume from.
 */
export function sqlDatasetSource(db: Kysely<Database>, flavor: SqlFlavor, pageSize = PAGE_SIZE): DatasetSource {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));

  async function sessionsPage(q: DatasetQuery, after: KeysetPosition | undefined): Promise<KeyedRow[]> {
    let qb = db
      .selectFrom('sessions as s')
      .leftJoin('users as u', 'u.id', 's.user_id')
      .select([
        's.id',
        's.user_id',
        'u.email',
        's.started_at',
        's.ended_at',
        's.duration_seconds',
        's.page_views',
        's.bounced',
        's.device',
        's.browser',
        's.country',
        's.entry_page',
      ])
      .where('s.organization_id', '=', q.organizationId)
      // One lower bound: the range start, or the keyset position when resuming a page. With two,
      // SQLite seeks on the first and rescans the range from its start on every page (measured:
      // page time grew linearly, 33 → 156 ms by page 500 of a 1M-row export).
      .where('s.started_at', '>=', after ? (after[0] as string) : dayStart(q.from))
      .where('s.started_at', '<', dayStart(addDays(q.to, 1)))
      .where('s.seq', '<=', q.snapshot.maxSessionSeq);
    if (q.userId) qb = qb.where('s.user_id', '=', q.userId);
    if (after) {
      const [ts, id] = after as [string, string];
      qb = qb.where((eb) => eb.or([eb('s.started_at', '>', ts), eb('s.id', '>', id)]));
    }
    const rows = await flavor.page(qb.orderBy('s.started_at').orderBy('s.id'), pageSize).execute();
    return rows.map((r) => ({
      key: [r.started_at, r.id],
      cells: {
        sessionId: r.id,
        userId: r.user_id,
        userEmail: r.email,
        startedAt: r.started_at,
        endedAt: r.ended_at,
        durationSeconds: r.duration_seconds,
        pageViews: r.page_views,
        bounced: toBool(r.bounced),
        device: r.device,
        browser: r.browser,
        country: r.country,
        entryPage: r.entry_page,
      },
    }));
  }

  async function usersPage(q: DatasetQuery, after: KeysetPosition | undefined): Promise<KeyedRow[]> {
    let qb = db
      .selectFrom('users as u')
      .select((eb) => [
        'u.id',
        'u.email',
        'u.display_name',
        'u.role',
        'u.department',
        'u.country',
        'u.created_at',
        'u.last_login_at',
        'u.is_active',
        eb
          .selectFrom('sessions as s')
          .select((e) => e.fn.countAll<number>().as('n'))
          .whereRef('s.user_id', '=', 'u.id')
          .where('s.seq', '<=', q.snapshot.maxSessionSeq)
          .as('session_count'),
      ])
      .where('u.organization_id', '=', q.organizationId)
      // One lower bound: the range start, or the keyset position when resuming a page. With two,
      // SQLite seeks on the first and rescans the range from its start on every page (measured:
      // page time grew linearly, 33 → 156 ms by page 500 of a 1M-row export).
      .where('u.created_at', '>=', after ? (after[0] as string) : dayStart(q.from))
      .where('u.created_at', '<', dayStart(addDays(q.to, 1)))
      .where('u.seq', '<=', q.snapshot.maxUserSeq);
    if (q.userId) qb = qb.where('u.id', '=', q.userId);
    if (after) {
      const [ts, id] = after as [string, string];
      qb = qb.where((eb) => eb.or([eb('u.created_at', '>', ts), eb('u.id', '>', id)]));
    }
    const rows = await flavor.page(qb.orderBy('u.created_at').orderBy('u.id'), pageSize).execute();
    return rows.map((r) => ({
      key: [r.created_at, r.id],
      cells: {
        userId: r.id,
        email: r.email,
        displayName: r.display_name,
        role: r.role,
        department: r.department,
        country: r.country,
        createdAt: r.created_at,
        lastLoginAt: r.last_login_at,
        isActive: toBool(r.is_active),
        sessionCount: toNumber(r.session_count) ?? 0,
      },
    }));
  }

  /** Every day of the range gets a row (zeros included), so charts have no gaps. */
  async function analyticsPage(q: DatasetQuery, after: KeysetPosition | undefined): Promise<KeyedRow[]> {
    const first = after ? addDays(after[0] as string, 1) : q.from;
    if (first > q.to) return [];
    const lastCandidate = addDays(first, DAYS_PER_PAGE - 1);
    const last = lastCandidate < q.to ? lastCandidate : q.to;
    const day = sql<string>`substring(s.started_at, 1, 10)`;
    let sq = db
      .selectFrom('sessions as s')
      .select((eb) => [
        day.as('day'),
        eb.fn.countAll<number>().as('sessions'),
        eb.fn.count<number>('s.user_id').distinct().as('active_users'),
        // bigint: SQL Server's SUM over an int column is an int and fails past 2^31.
        eb.fn.sum<number>(sql`cast(s.duration_seconds as bigint)`).as('total_duration'),
        eb.fn.sum<number>(sql`cast(s.page_views as bigint)`).as('page_views'),
        eb.fn.sum<number>(sql`case when s.bounced = 1 then 1 else 0 end`).as('bounces'),
        eb.fn.sum<number>(sql`case when s.device = 'desktop' then 1 else 0 end`).as('desktop'),
        eb.fn.sum<number>(sql`case when s.device = 'mobile' then 1 else 0 end`).as('mobile'),
        eb.fn.sum<number>(sql`case when s.device = 'tablet' then 1 else 0 end`).as('tablet'),
      ])
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
    for (const [day, n] of newUsers) if (!totals.has(day)) totals.set(day, { ...noActivity, newUsers: n });
    return analyticsRows(first, last, totals).map((cells) => ({ key: [cells.date as string], cells }));
  }

  const pages: Record<DataType, (q: DatasetQuery, after: KeysetPosition | undefined) => Promise<KeyedRow[]>> = {
    sessions: sessionsPage,
    users: usersPage,
    analytics: analyticsPage,
  };

  return {
    async *read(q: DatasetQuery): AsyncIterable<RowBatch> {
      let after = q.after;
      for (;;) {
        const records = await guard(() => pages[q.dataType](q, after));
        const last = records[records.length - 1];
        if (!last) return;
        const rows: Row[] = records.map((r) => q.columns.map((c) => r.cells[c] ?? null));
        after = last.key;
        yield { rows, last: after };
        if (q.dataType !== 'analytics' && records.length < pageSize) return;
        // better-sqlite3 is synchronous: without a turn of the event loop between pages, an
        // export runs page after page for up to a block (~600 ms measured) and API requests
        // sharing the process wait. setImmediate bounds that wait to one page (~30 ms).
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    },

    count: (q) =>
      guard(async () => {
        if (q.dataType === 'analytics') return daysInRange(q.from, q.to);
        const table = q.dataType === 'sessions' ? 'sessions' : 'users';
        const tsCol = q.dataType === 'sessions' ? 'started_at' : 'created_at';
        const userCol = q.dataType === 'sessions' ? 'user_id' : 'id';
        const maxSeq = q.dataType === 'sessions' ? q.snapshot.maxSessionSeq : q.snapshot.maxUserSeq;
        let qb = db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('organization_id', '=', q.organizationId)
          .where(tsCol, '>=', dayStart(q.from))
          .where(tsCol, '<', dayStart(addDays(q.to, 1)))
          .where('seq', '<=', maxSeq);
        if (q.userId) qb = qb.where(userCol, '=', q.userId);
        const row = await qb.executeTakeFirstOrThrow();
        return toNumber(row.n) ?? 0;
      }),

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
        const totals = await sessions()
          .select((eb) => [
            eb.fn.countAll<number>().as('sessions'),
            eb.fn.count<number>('s.user_id').distinct().as('active_users'),
            eb.fn.sum<number>(sql`cast(s.duration_seconds as bigint)`).as('total_duration'),
            eb.fn.sum<number>(sql`cast(s.page_views as bigint)`).as('page_views'),
            eb.fn.sum<number>(sql`case when s.bounced = 1 then 1 else 0 end`).as('bounces'),
            eb.fn.sum<number>(sql`case when s.device = 'desktop' then 1 else 0 end`).as('desktop'),
            eb.fn.sum<number>(sql`case when s.device = 'mobile' then 1 else 0 end`).as('mobile'),
            eb.fn.sum<number>(sql`case when s.device = 'tablet' then 1 else 0 end`).as('tablet'),
          ])
          .executeTakeFirstOrThrow();
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
}
