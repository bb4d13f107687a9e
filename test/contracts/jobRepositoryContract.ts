import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSeconds } from '../../shared/domain/dates.js';
import { AppError } from '../../shared/domain/errors.js';
import type { ExportJob, ExportRequest, Snapshot } from '../../shared/domain/job.js';
import type { JobRepository, NewJob } from '../../shared/ports/jobRepository.js';

/** A repository under test; `cleanup` removes whatever the test wrote (shared live databases). */
export interface JobRepositoryTarget {
  readonly repo: JobRepository;
  cleanup(): Promise<void>;
}

const T0 = '2026-07-01T00:00:00.000Z';
const at = (seconds: number): string => addSeconds(T0, seconds);
const SNAP: Snapshot = { maxSessionSeq: 1234, maxUserSeq: 56 };
const snapshotOf = (s: Snapshot) => async () => s;

const request = (o: Partial<ExportRequest> = {}): ExportRequest => ({
  dataType: 'sessions',
  format: 'csv',
  dateRange: { from: '2026-01-01', to: '2026-01-31' },
  filters: {},
  compression: 'none',
  csv: { delimiter: ',', includeBom: false },
  ...o,
});

/**
 * The JobRepository contract: every state change is a conditional update that says whether it
 * happened, worker writes are fenced by the lease token, and listing pages on (createdAt, id).
 * Ids and organizations are fresh per test, so it also runs on a shared database.
 */
export function jobRepositoryContract(name: string, open: () => Promise<JobRepositoryTarget>): void {
  describe(`JobRepository contract — ${name}`, () => {
    let target: JobRepositoryTarget;
    let repo: JobRepository;
    let org: string;

    beforeEach(async () => {
      target = await open();
      repo = target.repo;
      org = randomUUID();
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const newJob = (o: Partial<NewJob> = {}): NewJob => ({
      id: randomUUID(),
      organizationId: org,
      createdBy: 'user-1',
      request: request(),
      createdAt: T0,
      fileName: 'sessions_2026-01-01_2026-01-31.csv',
      contentType: 'text/csv; charset=utf-8',
      retryOf: null,
      ...o,
    });
    const inserted = async (o: Partial<NewJob> = {}): Promise<NewJob> => {
      const j = newJob(o);
      await repo.insert(j);
      return j;
    };
    const get = async (id: string): Promise<ExportJob> => {
      const j = await repo.get(id);
      if (!j) throw new Error(`job ${id} not found`);
      return j;
    };
    /** Inserts and claims a job: Processing, attempt 1, lease `token` until +120 s. */
    const processing = async (token: string = randomUUID()): Promise<{ id: string; token: string }> => {
      const j = await inserted();
      const claimed = await repo.claim(j.id, { token, expiresAt: at(120) }, at(1), snapshotOf(SNAP));
      expect(claimed?.status).toBe('Processing');
      return { id: j.id, token };
    };

    it('inserts a Pending job and reads every field back (non-ASCII text included)', async () => {
      const j = newJob({
        createdBy: 'Åsa Søndergaard',
        request: request({
          dataType: 'users',
          format: 'json',
          filters: { userId: 'u-1' },
          columns: ['email', 'displayName'],
          compression: 'gzip',
        }),
        fileName: 'users_2026-01-01_2026-01-31.json.gz',
        contentType: 'application/gzip',
        retryOf: randomUUID(),
      });
      await repo.insert(j);
      expect(await repo.get(j.id)).toEqual({
        id: j.id,
        organizationId: org,
        createdBy: 'Åsa Søndergaard',
        request: j.request,
        status: 'Pending',
        createdAt: T0,
        startedAt: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        rowCount: null,
        sizeBytes: null,
        sha256: null,
        blobName: null,
        fileName: j.fileName,
        contentType: 'application/gzip',
        error: null,
        lastError: null,
        attempt: 0,
        nextAttemptAt: null,
        leaseToken: null,
        leaseExpiresAt: null,
        enqueuedAt: null,
        retryOf: j.retryOf,
        snapshot: null,
        checkpoint: null,
      } satisfies ExportJob);
    });

    it('returns undefined for an unknown id and rejects a duplicate id as a permanent error', async () => {
      expect(await repo.get(randomUUID())).toBeUndefined();
      const j = await inserted();
      const dup = await repo.insert(j).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(dup).toBeInstanceOf(AppError);
      expect((dup as AppError).retryable).toBe(false);
    });

    it('lists one organization newest first, (createdAt, id) breaking ties, and pages without gaps', async () => {
      const other = randomUUID();
      await inserted({ organizationId: other, createdAt: at(50) });
      const jobs: NewJob[] = [];
      for (const [i, s] of [10, 20, 20, 20, 30, 40, 40].entries()) {
        jobs.push(
          await inserted({
            createdAt: at(s),
            createdBy: i % 2 ? 'user-2' : 'user-1',
          }),
        );
      }
      const expected = [...jobs]
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1))
        .map((j) => j.id);

      const all = await repo.list({ organizationId: org, limit: 100 });
      expect(all.map((j) => j.id)).toEqual(expected);

      const paged: string[] = [];
      let after: { createdAt: string; id: string } | undefined;
      for (;;) {
        const page = await repo.list({
          organizationId: org,
          limit: 3,
          ...(after ? { after } : {}),
        });
        expect(page.length).toBeLessThanOrEqual(3);
        paged.push(...page.map((j) => j.id));
        const last = page[page.length - 1];
        if (page.length < 3 || !last) break;
        after = { createdAt: last.createdAt, id: last.id };
      }
      expect(paged).toEqual(expected);

      const mine = await repo.list({
        organizationId: org,
        createdBy: 'user-2',
        limit: 100,
      });
      expect(mine.map((j) => j.id)).toEqual(expected.filter((id) => jobs.find((j) => j.id === id)?.createdBy === 'user-2'));
    });

    it('lists by status and data type', async () => {
      const a = await inserted({ request: request({ dataType: 'users' }) });
      const { id: b } = await processing();
      expect(
        (
          await repo.list({
            organizationId: org,
            status: 'Processing',
            limit: 10,
          })
        ).map((j) => j.id),
      ).toEqual([b]);
      expect((await repo.list({ organizationId: org, dataType: 'users', limit: 10 })).map((j) => j.id)).toEqual([a.id]);
      expect(
        await repo.list({
          organizationId: org,
          status: 'Completed',
          limit: 10,
        }),
      ).toEqual([]);
    });

    it('records the doorbell of an attempt (outbox)', async () => {
      const j = await inserted();
      await repo.markEnqueued(j.id, 1, at(2));
      expect((await get(j.id)).enqueuedAt).toBe(at(2));
    });

    it('claims a due Pending job: Processing, attempt 1, the lease, startedAt and the snapshot', async () => {
      const j = await inserted();
      const claimed = await repo.claim(j.id, { token: 'lease-1', expiresAt: at(120) }, at(5), snapshotOf(SNAP));
      expect(claimed).toMatchObject({
        id: j.id,
        status: 'Processing',
        attempt: 1,
        leaseToken: 'lease-1',
        leaseExpiresAt: at(120),
        startedAt: at(5),
        nextAttemptAt: null,
        snapshot: SNAP,
      });
      expect(await get(j.id)).toEqual(claimed);
    });

    it('claims exclusively while the lease is valid; after it expires another worker takes over, keeping snapshot and startedAt', async () => {
      const { id } = await processing('lease-1');
      expect(await repo.claim(id, { token: 'lease-2', expiresAt: at(300) }, at(119), snapshotOf(SNAP))).toBeUndefined();
      expect(await repo.claim(id, { token: 'lease-2', expiresAt: at(300) }, at(120), snapshotOf(SNAP))).toBeUndefined();
      const later: Snapshot = { maxSessionSeq: 9999, maxUserSeq: 999 };
      const taken = await repo.claim(id, { token: 'lease-2', expiresAt: at(300) }, at(121), snapshotOf(later));
      expect(taken).toMatchObject({
        status: 'Processing',
        attempt: 2,
        leaseToken: 'lease-2',
        startedAt: at(1),
        snapshot: SNAP,
      });
      // The first worker is fenced out.
      expect(
        await repo.heartbeat(id, 'lease-1', {
          rowsWritten: 1,
          leaseExpiresAt: at(400),
        }),
      ).toBe(false);
    });

    it('does not claim before nextAttemptAt, nor unknown or finished jobs', async () => {
      expect(await repo.claim(randomUUID(), { token: 't', expiresAt: at(120) }, at(1), snapshotOf(SNAP))).toBeUndefined();
      const { id, token } = await processing();
      expect(await repo.scheduleRetry(id, token, { code: 'STORAGE_UNAVAILABLE', message: 'try later' }, at(60))).toBe(true);
      expect(await repo.claim(id, { token: 't2', expiresAt: at(200) }, at(59), snapshotOf(SNAP))).toBeUndefined();
      expect(await repo.claim(id, { token: 't2', expiresAt: at(200) }, at(60), snapshotOf(SNAP))).toMatchObject({ attempt: 2 });

      const done = await processing();
      await repo.complete(done.id, done.token, result(done.id));
      expect(await repo.claim(done.id, { token: 't3', expiresAt: at(9999) }, at(9000), snapshotOf(SNAP))).toBeUndefined();
    });

    it('heartbeats only with the current lease, keeping the checkpoint unless one is given', async () => {
      const { id, token } = await processing();
      expect(
        await repo.heartbeat(id, token, {
          rowsWritten: 10,
          leaseExpiresAt: at(200),
          checkpoint: '{"v":1}',
        }),
      ).toBe(true);
      expect(
        await repo.heartbeat(id, token, {
          rowsWritten: 20,
          leaseExpiresAt: at(260),
        }),
      ).toBe(true);
      expect(await get(id)).toMatchObject({
        rowsWritten: 20,
        leaseExpiresAt: at(260),
        checkpoint: '{"v":1}',
      });
      expect(
        await repo.heartbeat(id, 'not-the-lease', {
          rowsWritten: 99,
          leaseExpiresAt: at(999),
        }),
      ).toBe(false);
      expect(
        await repo.heartbeat(id, token, {
          rowsWritten: 30,
          leaseExpiresAt: at(300),
          checkpoint: null,
        }),
      ).toBe(true);
      expect(await get(id)).toMatchObject({
        rowsWritten: 30,
        checkpoint: null,
      });
    });

    const result = (id: string) => ({
      rowCount: 3_000_000_000,
      sizeBytes: 5_000_000_000,
      sha256: 'ab'.repeat(32),
      blobName: `${org}/${id}/sessions.csv`,
      completedAt: at(100),
      expiresAt: at(100 + 24 * 3600),
    });

    it('completes once, fenced by the lease, and clears lease and checkpoint (large counts survive)', async () => {
      const { id, token } = await processing();
      await repo.heartbeat(id, token, {
        rowsWritten: 5,
        leaseExpiresAt: at(200),
        checkpoint: '{"v":1}',
      });
      expect(await repo.complete(id, 'other', result(id))).toBe(false);
      expect(await repo.complete(id, token, result(id))).toBe(true);
      expect(await repo.complete(id, token, result(id))).toBe(false);
      expect(await get(id)).toMatchObject({
        status: 'Completed',
        rowsWritten: 3_000_000_000,
        rowCount: 3_000_000_000,
        sizeBytes: 5_000_000_000,
        sha256: 'ab'.repeat(32),
        blobName: `${org}/${id}/sessions.csv`,
        completedAt: at(100),
        expiresAt: at(100 + 24 * 3600),
        leaseToken: null,
        leaseExpiresAt: null,
        checkpoint: null,
        error: null,
        lastError: null,
      });
    });

    it('fails once, fenced by the lease; the error is visible on the Failed job', async () => {
      const { id, token } = await processing();
      const error = { code: 'EXPORT_FAILED', message: 'The export failed.' };
      expect(await repo.fail(id, 'other', error, at(50))).toBe(false);
      expect(await repo.fail(id, token, error, at(50))).toBe(true);
      expect(await repo.fail(id, token, error, at(51))).toBe(false);
      expect(await get(id)).toMatchObject({
        status: 'Failed',
        error,
        lastError: error,
        completedAt: at(50),
        leaseToken: null,
      });
    });

    it('schedules a retry: back to Pending until nextAttemptAt, checkpoint kept, error kept as lastError only', async () => {
      const { id, token } = await processing();
      await repo.heartbeat(id, token, {
        rowsWritten: 7,
        leaseExpiresAt: at(200),
        checkpoint: '{"v":1,"rows":7}',
      });
      const error = { code: 'DATABASE_UNAVAILABLE', message: 'later' };
      expect(await repo.scheduleRetry(id, 'other', error, at(90))).toBe(false);
      expect(await repo.scheduleRetry(id, token, error, at(90))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Pending',
        nextAttemptAt: at(90),
        checkpoint: '{"v":1,"rows":7}',
        leaseToken: null,
        leaseExpiresAt: null,
        attempt: 1,
        error: null,
        lastError: error,
      });
      expect(await repo.scheduleRetry(id, token, error, at(95))).toBe(false);
    });

    it('cancels Pending and Processing jobs only, which fences out the running worker', async () => {
      const pending = await inserted();
      expect(await repo.cancel(pending.id, at(10))).toBe(true);
      expect(await get(pending.id)).toMatchObject({
        status: 'Cancelled',
        completedAt: at(10),
      });
      expect(await repo.cancel(pending.id, at(11))).toBe(false);

      const { id, token } = await processing();
      expect(await repo.cancel(id, at(20))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Cancelled',
        leaseToken: null,
      });
      expect(
        await repo.heartbeat(id, token, {
          rowsWritten: 1,
          leaseExpiresAt: at(300),
        }),
      ).toBe(false);
      expect(await repo.complete(id, token, result(id))).toBe(false);
      expect(await repo.cancel(randomUUID(), at(20))).toBe(false);
    });

    it('failUnlessTerminal fails any active job without a lease, but never a finished one', async () => {
      const pending = await inserted();
      const error = { code: 'DEAD_LETTERED', message: 'dead-lettered' };
      expect(await repo.failUnlessTerminal(pending.id, error, at(10))).toBe(true);
      expect(await get(pending.id)).toMatchObject({ status: 'Failed', error });
      expect(await repo.failUnlessTerminal(pending.id, error, at(11))).toBe(false);

      const { id } = await processing();
      expect(await repo.failUnlessTerminal(id, error, at(12))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Failed',
        leaseToken: null,
        nextAttemptAt: null,
      });

      const done = await processing();
      await repo.complete(done.id, done.token, result(done.id));
      expect(await repo.failUnlessTerminal(done.id, error, at(13))).toBe(false);
      expect((await get(done.id)).status).toBe('Completed');
    });

    it('finds and expires only Completed jobs whose expiresAt has passed', async () => {
      const a = await processing();
      await repo.complete(a.id, a.token, {
        ...result(a.id),
        expiresAt: at(1000),
      });
      const b = await processing();
      await repo.complete(b.id, b.token, {
        ...result(b.id),
        expiresAt: at(2000),
      });
      const mine = async (now: string) =>
        (await repo.findExpired(now, 1000)).map((j) => j.id).filter((x) => x === a.id || x === b.id);

      expect(await mine(at(999))).toEqual([]);
      expect(await mine(at(1000))).toEqual([a.id]);
      expect(await mine(at(5000))).toEqual([a.id, b.id]);
      expect(await repo.markExpired(b.id, at(1999))).toBe(false);
      expect(await repo.markExpired(a.id, at(1000))).toBe(true);
      expect(await repo.markExpired(a.id, at(1001))).toBe(false);
      expect(await get(a.id)).toMatchObject({ status: 'Expired' });
      expect(await mine(at(5000))).toEqual([b.id]);
      expect((await repo.findExpired(at(5000), 1)).length).toBeLessThanOrEqual(1);
    });

    it('finds due work: unsent or stale Pending jobs, and Processing jobs whose lease expired', async () => {
      const unsent = await inserted({ createdAt: at(0) });
      const fresh = await inserted({ createdAt: at(0) });
      await repo.markEnqueued(fresh.id, 1, at(180));
      const stale = await inserted({ createdAt: at(0) });
      await repo.markEnqueued(stale.id, 1, at(10));
      const waiting = await processing();
      await repo.scheduleRetry(waiting.id, waiting.token, { code: 'STORAGE_UNAVAILABLE', message: 'later' }, at(500));
      const running = await processing();
      await repo.heartbeat(running.id, running.token, {
        rowsWritten: 1,
        leaseExpiresAt: at(400),
      });
      const lost = await processing();
      await repo.heartbeat(lost.id, lost.token, {
        rowsWritten: 1,
        leaseExpiresAt: at(110),
      });
      const ours = new Set([unsent.id, fresh.id, stale.id, waiting.id, running.id, lost.id]);
      const due = async (now: string, staleBefore: string) =>
        (await repo.findDue(now, staleBefore, 1000)).map((j) => j.id).filter((id) => ours.has(id));

      expect(new Set(await due(at(200), at(140)))).toEqual(new Set([unsent.id, stale.id, lost.id]));
      expect(new Set(await due(at(600), at(540)))).toEqual(
        new Set([unsent.id, fresh.id, stale.id, waiting.id, running.id, lost.id]),
      );
      expect((await repo.findDue(at(600), at(540), 2)).length).toBeLessThanOrEqual(2);
    });
  });
}
