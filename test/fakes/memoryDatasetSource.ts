import { analyticsRows, daysInRange, noActivity, type DayTotals } from '../../shared/domain/analytics.js';
import type { CellValue, Row } from '../../shared/domain/datasets.js';
import { addDays, dayStart } from '../../shared/domain/dates.js';
import type { DatasetQuery, DatasetSource, KeysetPosition, PageEnd, RowBatch } from '../../shared/ports/datasetSource.js';
import type { FixtureSession, FixtureUser } from '../contracts/datasetFixture.js';
import { TOP_N, UNKNOWN } from '../../shared/domain/dashboard.js';

type Stored<T> = T & { readonly seq: number };
type Cells = Readonly<Record<string, CellValue>>;

/** Days per analytics page, as the SQL source pages them. */
const DAYS_PER_PAGE = 92;

const byKey = (a: { key: readonly string[] }, b: { key: readonly string[] }): number => {
  for (let i = 0; i < a.key.length; i++) {
    const x = a.key[i] as string;
    const y = b.key[i] as string;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
};
const after = (key: readonly string[], position: KeysetPosition | undefined): boolean =>
  position === undefined || byKey({ key }, { key: position.map(String) }) > 0;

/**
 * DatasetSource in memory, for unit tests: the portal's users and sessions as plain records, read
 * with the same semantics as the SQL source (tenant scope, inclusive UTC days, (timestamp, id)
 * order, keyset pages, snapshot bound, one analytics row per day). Passes the same contract suite.
 */
export function memoryDatasetSource(pageSize = 2000): DatasetSource & {
  addOrganization(id: string, name: string): Promise<void>;
  addUsers(users: readonly FixtureUser[]): Promise<void>;
  addSessions(sessions: readonly FixtureSession[]): Promise<void>;
} {
  const organizations = new Map<string, string>();
  const users: Stored<FixtureUser>[] = [];
  const sessions: Stored<FixtureSession>[] = [];
  let seq = 0;

  const inRange = (iso: string, q: Pick<DatasetQuery, 'from' | 'to'>) =>
    iso >= dayStart(q.from) && iso < dayStart(addDays(q.to, 1));
  const sessionsOf = (q: Omit<DatasetQuery, 'columns' | 'after'>) =>
    sessions.filter(
      (s) =>
        s.organizationId === q.organizationId &&
        inRange(s.startedAt, q) &&
        s.seq <= q.snapshot.maxSessionSeq &&
        (!q.userId || s.userId === q.userId),
    );
  const usersOf = (q: Omit<DatasetQuery, 'columns' | 'after'>) =>
    users.filter(
      (u) =>
        u.organizationId === q.organizationId &&
        inRange(u.createdAt, q) &&
        u.seq <= q.snapshot.maxUserSeq &&
        (!q.userId || u.id === q.userId),
    );

  function sessionRows(q: DatasetQuery): { key: string[]; cells: Cells }[] {
    const email = new Map(users.map((u) => [u.id, u.email]));
    return sessionsOf(q)
      .map((s) => ({
        key: [s.startedAt, s.id],
        cells: {
          sessionId: s.id,
          userId: s.userId,
          userEmail: email.get(s.userId) ?? null,
          startedAt: s.startedAt,
          endedAt: s.endedAt,
          durationSeconds: s.durationSeconds,
          pageViews: s.pageViews,
          bounced: s.bounced,
          device: s.device,
          browser: s.browser,
          country: s.country,
          entryPage: s.entryPage,
        },
      }))
      .sort(byKey);
  }

  function userRows(q: DatasetQuery): { key: string[]; cells: Cells }[] {
    return usersOf(q)
      .map((u) => ({
        key: [u.createdAt, u.id],
        cells: {
          userId: u.id,
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          department: u.department,
          country: u.country,
          createdAt: u.createdAt,
          lastLoginAt: u.lastLoginAt,
          isActive: u.isActive,
          sessionCount: sessions.filter((s) => s.userId === u.id && s.seq <= q.snapshot.maxSessionSeq).length,
        },
      }))
      .sort(byKey);
  }

  function analyticsPage(q: DatasetQuery, first: string): { key: string[]; cells: Cells }[] {
    if (first > q.to) return [];
    const candidate = addDays(first, DAYS_PER_PAGE - 1);
    const last = candidate < q.to ? candidate : q.to;
    const page = { ...q, from: first, to: last };
    const totals = new Map<string, DayTotals>();
    const day = (d: string): DayTotals => totals.get(d) ?? noActivity;
    const active = new Map<string, Set<string>>();
    for (const s of sessionsOf(page)) {
      const d = s.startedAt.slice(0, 10);
      const t = day(d);
      active.set(d, (active.get(d) ?? new Set()).add(s.userId));
      totals.set(d, {
        ...t,
        sessions: t.sessions + 1,
        activeUsers: active.get(d)?.size ?? 0,
        totalDurationSeconds: t.totalDurationSeconds + s.durationSeconds,
        pageViews: t.pageViews + s.pageViews,
        bounces: t.bounces + (s.bounced ? 1 : 0),
        desktopSessions: t.desktopSessions + (s.device === 'desktop' ? 1 : 0),
        mobileSessions: t.mobileSessions + (s.device === 'mobile' ? 1 : 0),
        tabletSessions: t.tabletSessions + (s.device === 'tablet' ? 1 : 0),
      });
    }
    for (const u of usersOf(page)) {
      const d = u.createdAt.slice(0, 10);
      totals.set(d, { ...day(d), newUsers: day(d).newUsers + 1 });
    }
    return analyticsRows(first, last, totals).map((cells) => ({ key: [cells.date as string], cells }));
  }

  return {
    async addOrganization(id, name) {
      organizations.set(id, name);
    },
    async addUsers(list) {
      for (const u of list) users.push({ ...u, seq: ++seq });
    },
    async addSessions(list) {
      for (const s of list) sessions.push({ ...s, seq: ++seq });
    },

    async *read(q): AsyncIterable<RowBatch> {
      let position = q.after;
      for (;;) {
        const page =
          q.dataType === 'analytics'
            ? analyticsPage(
                { ...q, ...(q.through ? { to: String(q.through[0]) } : {}) },
                position ? addDays(String(position[0]), 1) : q.from,
              )
            : (q.dataType === 'sessions' ? sessionRows(q) : userRows(q))
                .filter((r) => after(r.key, position) && (q.through === undefined || !after(r.key, q.through)))
                .slice(0, pageSize);
        const last = page[page.length - 1];
        if (!last) return;
        const rows: Row[] = page.map((r) => q.columns.map((c) => r.cells[c] ?? null));
        position = last.key;
        yield { rows, last: position };
        if (q.dataType !== 'analytics' && page.length < pageSize) return;
      }
    },
    async pageEnds(q, count) {
      const ends: PageEnd[] = [];
      if (q.dataType === 'analytics') {
        let first = q.after ? addDays(String(q.after[0]), 1) : q.from;
        while (ends.length < count && first <= q.to) {
          const candidate = addDays(first, DAYS_PER_PAGE - 1);
          const last = candidate < q.to ? candidate : q.to;
          ends.push({ last: [last], rows: daysInRange(first, last) });
          first = addDays(last, 1);
        }
        return ends;
      }
      const rest = (q.dataType === 'sessions' ? sessionRows({ ...q, columns: [] }) : userRows({ ...q, columns: [] })).filter(
        (r) => after(r.key, q.after),
      );
      for (let i = 0; i < rest.length && ends.length < count; i += pageSize) {
        const page = rest.slice(i, i + pageSize);
        ends.push({ last: (page[page.length - 1] as { key: string[] }).key, rows: page.length });
      }
      return ends;
    },
    async count(q) {
      if (q.dataType === 'analytics') return daysInRange(q.from, q.to);
      return q.dataType === 'sessions' ? sessionsOf(q).length : usersOf(q).length;
    },
    async snapshot() {
      return {
        maxSessionSeq: Math.max(0, ...sessions.map((s) => s.seq)),
        maxUserSeq: Math.max(0, ...users.map((u) => u.seq)),
      };
    },
    async organizationName(id) {
      return organizations.get(id);
    },
    async dashboard(q) {
      const list = sessionsOf({ ...q, dataType: 'sessions' });
      const top = (name: (s: Stored<FixtureSession>) => string | null) => {
        const counts = new Map<string | null, number>();
        for (const s of list) counts.set(name(s), (counts.get(name(s)) ?? 0) + 1);
        // Most sessions first, then by name, NULL first (as SQL sorts it ascending).
        return [...counts]
          .sort(([a, x], [b, y]) => y - x || (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
          .slice(0, TOP_N)
          .map(([n, sessions]) => ({ name: n ?? UNKNOWN, sessions }));
      };
      return {
        sessions: list.length,
        activeUsers: new Set(list.map((s) => s.userId)).size,
        newUsers: usersOf({ ...q, dataType: 'users' }).length,
        totalDurationSeconds: list.reduce((n, s) => n + s.durationSeconds, 0),
        pageViews: list.reduce((n, s) => n + s.pageViews, 0),
        bounces: list.filter((s) => s.bounced).length,
        desktopSessions: list.filter((s) => s.device === 'desktop').length,
        mobileSessions: list.filter((s) => s.device === 'mobile').length,
        tabletSessions: list.filter((s) => s.device === 'tablet').length,
        topCountries: top((s) => s.country),
        topEntryPages: top((s) => s.entryPage),
      };
    },
  };
}
