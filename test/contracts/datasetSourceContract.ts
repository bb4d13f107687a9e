import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { datasets, type CellValue, type DataType, type Row } from '../../shared/domain/datasets.js';
import { addDays } from '../../shared/domain/dates.js';
import type { Snapshot } from '../../shared/domain/job.js';
import type { DatasetQuery, DatasetSource, KeysetPosition, RowBatch } from '../../shared/ports/datasetSource.js';
import { buildFixture, TIE, type Fixture, type FixtureSession, type FixtureUser } from './datasetFixture.js';

export type { FixtureSession, FixtureUser } from './datasetFixture.js';

/**
 * A DatasetSource under test plus a way to put source rows behind it. Rows are inserted in the
 * order given (so later rows get later snapshot keys); `cleanup` removes what the test inserted.
 */
export interface DatasetSourceTarget {
  readonly source: DatasetSource;
  addOrganization(id: string, name: string): Promise<void>;
  addUsers(users: readonly FixtureUser[]): Promise<void>;
  addSessions(sessions: readonly FixtureSession[]): Promise<void>;
  cleanup(): Promise<void>;
}
/** A query as the page planner takes it: no columns, no upper bound. */
export const planned = (q: DatasetQuery): Omit<DatasetQuery, 'columns' | 'through'> =>
  Object.fromEntries(Object.entries(q).filter(([k]) => k !== 'columns' && k !== 'through')) as Omit<
    DatasetQuery,
    'columns' | 'through'
  >;

/** Rows per keyset page the contract asks for: small, so every read crosses pages. */
export const CONTRACT_PAGE_SIZE = 3;

const MARCH = { from: '2026-03-01', to: '2026-03-31' } as const;
const HALF_YEAR = { from: '2026-01-01', to: '2026-06-30' } as const;

type Obj = Record<string, CellValue>;
const columnsOf = (dt: DataType): string[] => datasets[dt].columns.map((c) => c.name);
const toObjects = (columns: readonly string[], rows: readonly Row[]): Obj[] =>
  rows.map((r) => Object.fromEntries(columns.map((c, i) => [c, r[i] ?? null])));
const byKey =
  <T extends { startedAt?: string; createdAt?: string; id: string }>(ts: (x: T) => string) =>
  (a: T, b: T) =>
    ts(a) === ts(b) ? (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) : ts(a) < ts(b) ? -1 : 1;
const inRange = (iso: string, r: { from: string; to: string }) =>
  iso >= `${r.from}T00:00:00.000Z` && iso < `${addDays(r.to, 1)}T00:00:00.000Z`;

/**
 * The DatasetSource contract: tenant scoping, inclusive UTC date ranges, a stable (timestamp, id)
 * order, keyset paging that resumes exactly after a position, the snapshot bound, the user filter,
 * one analytics row per day (zero days included), and count() agreeing with read().
 */
export function datasetSourceContract(name: string, open: (pageSize: number) => Promise<DatasetSourceTarget>): void {
  describe(`DatasetSource contract — ${name}`, () => {
    let target: DatasetSourceTarget;
    let source: DatasetSource;
    let orgA: string;
    let orgB: string;
    let fx: Fixture;
    let snap: Snapshot;

    beforeEach(async () => {
      target = await open(CONTRACT_PAGE_SIZE);
      source = target.source;
      orgA = randomUUID();
      orgB = randomUUID();
      fx = buildFixture(orgA, orgB);
      await target.addOrganization(orgA, 'Åcme «Contract» GmbH');
      await target.addOrganization(orgB, 'Globex Contract');
      await target.addUsers(fx.users);
      await target.addSessions(fx.sessions);
      snap = await source.snapshot();
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const query = (dataType: DataType, o: Partial<DatasetQuery> = {}): DatasetQuery => ({
      dataType,
      organizationId: orgA,
      ...MARCH,
      columns: columnsOf(dataType),
      snapshot: snap,
      ...o,
    });
    const readAll = async (q: DatasetQuery): Promise<{ rows: Obj[]; batches: RowBatch[] }> => {
      const batches: RowBatch[] = [];
      for await (const b of source.read(q)) batches.push(b);
      return {
        rows: toObjects(
          q.columns,
          batches.flatMap((b) => b.rows),
        ),
        batches,
      };
    };
    const countOf = ({ dataType, organizationId, from, to, userId, snapshot }: DatasetQuery) =>
      source.count({
        dataType,
        organizationId,
        from,
        to,
        snapshot,
        ...(userId ? { userId } : {}),
      });

    const userById = () => new Map(fx.users.map((u) => [u.id, u]));
    const expectedSessions = (org: string, range: { from: string; to: string }, userId?: string): Obj[] =>
      fx.sessions
        .filter((s) => s.organizationId === org && inRange(s.startedAt, range) && (!userId || s.userId === userId))
        .sort(byKey((s) => s.startedAt))
        .map((s) => ({
          sessionId: s.id,
          userId: s.userId,
          userEmail: userById().get(s.userId)?.email ?? null,
          startedAt: s.startedAt,
          endedAt: s.endedAt,
          durationSeconds: s.durationSeconds,
          pageViews: s.pageViews,
          bounced: s.bounced,
          device: s.device,
          browser: s.browser,
          country: s.country,
          entryPage: s.entryPage,
        }));
    const expectedUsers = (org: string, range: { from: string; to: string }, userId?: string): Obj[] =>
      fx.users
        .filter((u) => u.organizationId === org && inRange(u.createdAt, range) && (!userId || u.id === userId))
        .sort(byKey((u) => u.createdAt))
        .map((u) => ({
          userId: u.id,
          email: u.email,
          displayName: u.displayName,
          role: u.role,
          department: u.department,
          country: u.country,
          createdAt: u.createdAt,
          lastLoginAt: u.lastLoginAt,
          isActive: u.isActive,
          sessionCount: fx.sessions.filter((s) => s.userId === u.id).length,
        }));
    const expectedAnalytics = (org: string, range: { from: string; to: string }, userId?: string): Obj[] => {
      const out: Obj[] = [];
      for (let d = range.from; d <= range.to; d = addDays(d, 1)) {
        const day = fx.sessions.filter(
          (s) => s.organizationId === org && s.startedAt.startsWith(d) && (!userId || s.userId === userId),
        );
        const n = day.length;
        const total = day.reduce((t, s) => t + s.durationSeconds, 0);
        const views = day.reduce((t, s) => t + s.pageViews, 0);
        out.push({
          date: d,
          sessions: n,
          activeUsers: new Set(day.map((s) => s.userId)).size,
          newUsers: fx.users.filter((u) => u.organizationId === org && u.createdAt.startsWith(d) && (!userId || u.id === userId))
            .length,
          avgDurationSeconds: n ? Math.round((total / n) * 100) / 100 : 0,
          totalDurationSeconds: total,
          pageViews: views,
          avgPageViews: n ? Math.round((views / n) * 100) / 100 : 0,
          bounceRate: n ? Math.round((day.filter((s) => s.bounced).length / n) * 10000) / 10000 : 0,
          desktopSessions: day.filter((s) => s.device === 'desktop').length,
          mobileSessions: day.filter((s) => s.device === 'mobile').length,
          tabletSessions: day.filter((s) => s.device === 'tablet').length,
        });
      }
      return out;
    };

    it('sessions: only the organization’s rows, ordered by (startedAt, id), with typed cells', async () => {
      const { rows } = await readAll(query('sessions'));
      expect(rows).toEqual(expectedSessions(orgA, MARCH));
      expect(rows.length).toBeGreaterThan(5);
      const other = await readAll(query('sessions', { organizationId: orgB }));
      expect(other.rows).toEqual(expectedSessions(orgB, MARCH));
      expect(new Set(other.rows.map((r) => r.sessionId))).not.toContain(rows[0]?.sessionId);
    });

    it('the date range is inclusive on both ends, in UTC, to the millisecond', async () => {
      const starts = (await readAll(query('sessions', { columns: ['startedAt'] }))).rows.map((r) => r.startedAt);
      expect(starts).toContain('2026-03-01T00:00:00.000Z');
      expect(starts).toContain('2026-03-31T23:59:59.999Z');
      expect(starts).not.toContain('2026-02-28T23:59:59.999Z');
      expect(starts).not.toContain('2026-04-01T00:00:00.000Z');
      const oneDay = await readAll(
        query('sessions', {
          from: '2026-03-10',
          to: '2026-03-10',
          columns: ['startedAt'],
        }),
      );
      expect(oneDay.rows.length).toBeGreaterThanOrEqual(5);
      expect(oneDay.rows.every((r) => String(r.startedAt).startsWith('2026-03-10'))).toBe(true);
      const created = (await readAll(query('users', { columns: ['createdAt'] }))).rows.map((r) => r.createdAt);
      expect(created).toEqual(['2026-03-01T00:00:00.000Z', TIE, TIE, '2026-03-20T09:30:00.000Z', '2026-03-31T23:59:59.999Z']);
    });

    it('reads in keyset pages of the page size; resuming after any page boundary continues exactly there', async () => {
      const q = query('sessions', {
        ...HALF_YEAR,
        columns: ['sessionId', 'startedAt'],
      });
      const expected = expectedSessions(orgA, HALF_YEAR).map((s) => ({
        sessionId: s.sessionId,
        startedAt: s.startedAt,
      }));
      const { rows, batches } = await readAll(q);
      expect(rows).toEqual(expected);
      expect(batches.length).toBeGreaterThan(3);
      expect(batches.every((b) => b.rows.length <= CONTRACT_PAGE_SIZE && b.rows.length > 0)).toBe(true);
      let before = 0;
      for (const b of batches) {
        before += b.rows.length;
        expect(b.last).toEqual([b.rows[b.rows.length - 1]?.[1], b.rows[b.rows.length - 1]?.[0]]);
        const resumed = await readAll({ ...q, after: b.last });
        expect(resumed.rows).toEqual(expected.slice(before));
      }
    });

    it('resumes after a position inside a run of equal timestamps, or between rows, without duplicates or gaps', async () => {
      const q = query('sessions', { columns: ['sessionId', 'startedAt'] });
      const expected = expectedSessions(orgA, MARCH).map((s) => ({
        sessionId: s.sessionId,
        startedAt: s.startedAt,
      }));
      const ties = expected.filter((s) => s.startedAt === TIE);
      expect(ties.length).toBe(5);
      for (const t of ties) {
        const after: KeysetPosition = [TIE, String(t.sessionId)];
        const idx = expected.findIndex((s) => s.sessionId === t.sessionId);
        expect((await readAll({ ...q, after })).rows).toEqual(expected.slice(idx + 1));
      }
      // A position that is no row at all: everything strictly after it.
      const between: KeysetPosition = [TIE, ''];
      expect((await readAll({ ...q, after: between })).rows).toEqual(expected.filter((s) => String(s.startedAt) >= TIE));
      const users = query('users', { columns: ['userId', 'createdAt'] });
      const allUsers = (await readAll(users)).rows;
      const mid = allUsers[1] as Obj;
      expect(
        (
          await readAll({
            ...users,
            after: [String(mid.createdAt), String(mid.userId)],
          })
        ).rows,
      ).toEqual(allUsers.slice(2));
    });

    it('the snapshot excludes rows inserted after it; a new snapshot includes them', async () => {
      const u = fx.a[2];
      const lateUser: FixtureUser = {
        ...u,
        id: randomUUID(),
        email: 'late@example.com',
        createdAt: '2026-03-02T00:00:00.000Z',
      };
      const lateSession: FixtureSession = {
        ...(fx.sessions[1] as FixtureSession),
        id: randomUUID(),
        userId: u.id,
        startedAt: '2026-03-02T00:00:00.000Z',
      };
      const before = {
        sessions: await readAll(query('sessions')),
        users: await readAll(query('users')),
        analytics: await readAll(query('analytics')),
      };
      await target.addUsers([lateUser]);
      await target.addSessions([lateSession]);

      for (const dt of ['sessions', 'users', 'analytics'] as const) {
        expect((await readAll(query(dt))).rows).toEqual(before[dt].rows);
        expect(await countOf(query(dt))).toBe(before[dt].rows.length);
      }
      const now = await source.snapshot();
      expect(now.maxSessionSeq).toBeGreaterThan(snap.maxSessionSeq);
      expect(now.maxUserSeq).toBeGreaterThan(snap.maxUserSeq);
      const after = await readAll(query('sessions', { snapshot: now }));
      expect(after.rows.map((r) => r.sessionId)).toContain(lateSession.id);
      expect(await countOf(query('sessions', { snapshot: now }))).toBe(before.sessions.rows.length + 1);
      const users = (await readAll(query('users', { snapshot: now }))).rows;
      expect(users.map((r) => r.userId)).toContain(lateUser.id);
      const counted = users.find((r) => r.userId === u.id);
      const countedBefore = before.users.rows.find((r) => r.userId === u.id);
      expect(counted?.sessionCount).toBe(Number(countedBefore?.sessionCount) + 1);
    });

    it('filters by user in every dataset', async () => {
      const u = fx.a[0];
      expect((await readAll(query('sessions', { ...HALF_YEAR, userId: u.id }))).rows).toEqual(
        expectedSessions(orgA, HALF_YEAR, u.id),
      );
      expect((await readAll(query('users', { ...HALF_YEAR, userId: u.id }))).rows).toEqual(expectedUsers(orgA, HALF_YEAR, u.id));
      expect((await readAll(query('analytics', { ...HALF_YEAR, userId: u.id }))).rows).toEqual(
        expectedAnalytics(orgA, HALF_YEAR, u.id),
      );
      // Another tenant's user id finds nothing in this tenant.
      expect((await readAll(query('sessions', { ...HALF_YEAR, userId: fx.b[0].id }))).rows).toEqual([]);
    });

    it('users: created in the range, with all-time session counts, paged by (createdAt, id)', async () => {
      const { rows, batches } = await readAll(query('users'));
      expect(rows).toEqual(expectedUsers(orgA, MARCH));
      expect(batches.length).toBe(2);
      expect((await readAll(query('users', { organizationId: orgB }))).rows).toEqual(expectedUsers(orgB, MARCH));
    });

    it('analytics: one row per UTC day of the range, zero days included, across several pages', async () => {
      const { rows, batches } = await readAll(query('analytics', HALF_YEAR));
      const expected = expectedAnalytics(orgA, HALF_YEAR);
      expect(rows.length).toBe(181);
      expect(rows).toEqual(expected);
      expect(batches.length).toBeGreaterThan(1);
      expect(rows.some((r) => r.sessions === 0)).toBe(true);
      expect(rows.filter((r) => Number(r.sessions) > 1).length).toBeGreaterThan(0);
      const resumed = await readAll({
        ...query('analytics', HALF_YEAR),
        after: ['2026-03-10'],
      });
      expect(resumed.rows).toEqual(expected.filter((r) => String(r.date) > '2026-03-10'));
      const other = await readAll(query('analytics', { ...MARCH, organizationId: orgB }));
      expect(other.rows).toEqual(expectedAnalytics(orgB, MARCH));
    });

    it('count() agrees with read() for every dataset, with and without a user filter', async () => {
      for (const dt of ['sessions', 'users', 'analytics'] as const) {
        for (const o of [{}, HALF_YEAR, { userId: fx.a[3].id }, { organizationId: orgB }] as Partial<DatasetQuery>[]) {
          const q = query(dt, o);
          expect(await countOf(q), `${dt} ${JSON.stringify(o)}`).toBe((await readAll(q)).rows.length);
        }
      }
    });

    it('returns only the requested columns, in the requested order', async () => {
      const q = query('sessions', {
        columns: ['bounced', 'sessionId', 'durationSeconds'],
      });
      const { batches } = await readAll(q);
      const first = batches[0]?.rows[0];
      const exp = expectedSessions(orgA, MARCH)[0] as Obj;
      expect(first).toEqual([exp.bounced, exp.sessionId, exp.durationSeconds]);
    });

    it('sums the dashboard of an organization over a range: totals, distinct users, devices, top countries and entry pages', async () => {
      for (const [org, range] of [
        [orgA, HALF_YEAR],
        [orgA, MARCH],
        [orgB, MARCH],
      ] as const) {
        const sessions = fx.sessions.filter((s) => s.organizationId === org && inRange(s.startedAt, range));
        const top = (name: (s: (typeof sessions)[number]) => string | null) => {
          const counts = new Map<string | null, number>();
          for (const s of sessions) counts.set(name(s), (counts.get(name(s)) ?? 0) + 1);
          return [...counts]
            .sort(([a, x], [b, y]) => y - x || (a === b ? 0 : a === null ? -1 : b === null ? 1 : a < b ? -1 : 1))
            .slice(0, 10)
            .map(([n, count]) => ({ name: n ?? '(unknown)', sessions: count }));
        };
        const totals = await source.dashboard({ organizationId: org, ...range, snapshot: snap });
        expect(totals, `${org} ${range.from}`).toEqual({
          sessions: sessions.length,
          activeUsers: new Set(sessions.map((s) => s.userId)).size,
          newUsers: fx.users.filter((u) => u.organizationId === org && inRange(u.createdAt, range)).length,
          totalDurationSeconds: sessions.reduce((t, s) => t + s.durationSeconds, 0),
          pageViews: sessions.reduce((t, s) => t + s.pageViews, 0),
          bounces: sessions.filter((s) => s.bounced).length,
          desktopSessions: sessions.filter((s) => s.device === 'desktop').length,
          mobileSessions: sessions.filter((s) => s.device === 'mobile').length,
          tabletSessions: sessions.filter((s) => s.device === 'tablet').length,
          topCountries: top((s) => s.country),
          topEntryPages: top((s) => s.entryPage),
        });
      }
      expect((await source.dashboard({ organizationId: randomUUID(), ...MARCH, snapshot: snap })).sessions).toBe(0);
    });

    it('plans pages whose ends, read as after/through ranges, give exactly the rows of one read', async () => {
      for (const dt of ['sessions', 'users', 'analytics'] as const) {
        for (const o of [HALF_YEAR, MARCH, { userId: fx.a[0].id, ...HALF_YEAR }] as Partial<DatasetQuery>[]) {
          const q = query(dt, o);
          const whole = (await readAll(q)).rows;
          const range = planned(q);
          const ends = await source.pageEnds(range, 1000);
          expect(
            ends.reduce((n, e) => n + e.rows, 0),
            `${dt} ${JSON.stringify(o)}`,
          ).toBe(whole.length);
          // Every page holds the page size but the last (analytics: a page of days).
          if (dt !== 'analytics') expect(ends.slice(0, -1).every((e) => e.rows === CONTRACT_PAGE_SIZE)).toBe(true);
          let after: KeysetPosition | undefined;
          const pieces: Obj[] = [];
          for (const end of ends) {
            const page = await readAll({ ...q, ...(after ? { after } : {}), through: end.last });
            expect(page.rows.length).toBe(end.rows);
            expect(page.batches.at(-1)?.last).toEqual(end.last);
            pieces.push(...page.rows);
            after = end.last;
          }
          expect(pieces).toEqual(whole);
          // Planning in steps of two pages from each end gives the same ends.
          const stepped = [];
          for (let from: KeysetPosition | undefined; ;) {
            const next = await source.pageEnds({ ...range, ...(from ? { after: from } : {}) }, 2);
            stepped.push(...next);
            if (next.length < 2) break;
            from = next[1]!.last;
          }
          expect(stepped).toEqual(ends);
        }
      }
    });

    it('plans no pages for an empty range, and a short last page', async () => {
      const empty = planned(query('sessions', { from: '2025-01-01', to: '2025-01-31' }));
      expect(await source.pageEnds(empty, 5)).toEqual([]);
      const march = planned(query('sessions'));
      const total = (await readAll(query('sessions'))).rows.length;
      const ends = await source.pageEnds(march, 1000);
      expect(ends.at(-1)?.rows).toBe(total % CONTRACT_PAGE_SIZE || CONTRACT_PAGE_SIZE);
    });

    it('names organizations', async () => {
      expect(await source.organizationName(orgA)).toBe('Åcme «Contract» GmbH');
      expect(await source.organizationName(randomUUID())).toBeUndefined();
    });
  });
}
