import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSeconds } from '../../shared/domain/dates.js';
import { AppError } from '../../shared/domain/errors.js';
import { failureOf, type ExportJob, type ExportRequest, type Snapshot } from '../../shared/domain/job.js';
import { fileExpired, fileShouldExist, lifecycle, needsDoorbell, type Lease } from '../../shared/domain/lifecycle.js';
import type { JobRepository, NewJob } from '../../shared/ports/jobRepository.js';

/** A repository under test; `cleanup` removes whatever the test wrote (shared live databases). */
export interface JobRepositoryTarget {
  readonly repo: JobRepository;
  cleanup(): Promise<void>;
}

const T0 = '2026-07-01T00:00:00.000Z';
const at = (seconds: number): string => addSeconds(T0, seconds);
const SNAP: Snapshot = { maxSessionSeq: 1234, maxUserSeq: 56 };

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
    /** The claim as the worker makes it: the transition, then the snapshot if the job has none. */
    const claim = async (id: string, lease: Lease, now: string, snapshot: Snapshot): Promise<ExportJob | undefined> => {
      if (!(await repo.apply(id, lifecycle.claim(now, lease)))) return undefined;
      await repo.apply(id, lifecycle.fixSnapshot(lease.token, snapshot));
      return repo.get(id);
    };
    /** Inserts and claims a job: Processing, attempt 1, lease `token` until +120 s. */
    const processing = async (token: string = randomUUID()): Promise<{ id: string; token: string }> => {
      const j = await inserted();
      const claimed = await claim(j.id, { token, expiresAt: at(120) }, at(1), SNAP);
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
        createdByOrganizationId: org,
        request: j.request,
        status: 'Pending',
        createdAt: T0,
        updatedAt: T0,
        startedAt: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        rowsTotal: null,
        rowsPerSecond: null,
        progressAt: null,
        eventsQueuedAt: null,
        rowCount: null,
        sizeBytes: null,
        sha256: null,
        blobName: null,
        fileName: j.fileName,
        contentType: 'application/gzip',
        lastError: null,
        attempt: 0,
        nextAttemptAt: null,
        leaseToken: null,
        leaseExpiresAt: null,
        enqueuedAt: null,
        retryOf: j.retryOf,
        idempotencyKey: null,
        requestHash: null,
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
      await repo.apply(j.id, lifecycle.recordDoorbell(at(2)));
      expect((await get(j.id)).enqueuedAt).toBe(at(2));
    });

    it('claims a due Pending job: Processing, attempt 1, the lease, startedAt and the snapshot', async () => {
      const j = await inserted();
      const claimed = await claim(j.id, { token: 'lease-1', expiresAt: at(120) }, at(5), SNAP);
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
      expect(await claim(id, { token: 'lease-2', expiresAt: at(300) }, at(119), SNAP)).toBeUndefined();
      expect(await claim(id, { token: 'lease-2', expiresAt: at(300) }, at(120), SNAP)).toBeUndefined();
      const later: Snapshot = { maxSessionSeq: 9999, maxUserSeq: 999 };
      const taken = await claim(id, { token: 'lease-2', expiresAt: at(300) }, at(121), later);
      expect(taken).toMatchObject({
        status: 'Processing',
        attempt: 2,
        leaseToken: 'lease-2',
        startedAt: at(1),
        snapshot: SNAP,
      });
      // The first worker is fenced out.
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat('lease-1', {
            rowsWritten: 1,
            leaseExpiresAt: at(400),
          }),
        ),
      ).toBe(false);
    });

    it('does not claim before nextAttemptAt, nor unknown or finished jobs', async () => {
      expect(await claim(randomUUID(), { token: 't', expiresAt: at(120) }, at(1), SNAP)).toBeUndefined();
      const { id, token } = await processing();
      expect(
        await repo.apply(id, lifecycle.scheduleRetry(token, { code: 'STORAGE_UNAVAILABLE', message: 'try later' }, at(60))),
      ).toBe(true);
      expect(await claim(id, { token: 't2', expiresAt: at(200) }, at(59), SNAP)).toBeUndefined();
      expect(await claim(id, { token: 't2', expiresAt: at(200) }, at(60), SNAP)).toMatchObject({ attempt: 2 });

      const done = await processing();
      await repo.apply(done.id, lifecycle.complete(done.token, result(done.id)));
      expect(await claim(done.id, { token: 't3', expiresAt: at(9999) }, at(9000), SNAP)).toBeUndefined();
    });

    it('heartbeats only with the current lease, keeping the checkpoint unless one is given', async () => {
      const { id, token } = await processing();
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat(token, {
            rowsWritten: 10,
            leaseExpiresAt: at(200),
            checkpoint: '{"v":1}',
          }),
        ),
      ).toBe(true);
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat(token, {
            rowsWritten: 20,
            leaseExpiresAt: at(260),
          }),
        ),
      ).toBe(true);
      expect(await get(id)).toMatchObject({
        rowsWritten: 20,
        leaseExpiresAt: at(260),
        checkpoint: '{"v":1}',
      });
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat('not-the-lease', {
            rowsWritten: 99,
            leaseExpiresAt: at(999),
          }),
        ),
      ).toBe(false);
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat(token, {
            rowsWritten: 30,
            leaseExpiresAt: at(300),
            checkpoint: null,
          }),
        ),
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
      await repo.apply(
        id,
        lifecycle.heartbeat(token, {
          rowsWritten: 5,
          leaseExpiresAt: at(200),
          checkpoint: '{"v":1}',
        }),
      );
      expect(await repo.apply(id, lifecycle.complete('other', result(id)))).toBe(false);
      expect(await repo.apply(id, lifecycle.complete(token, result(id)))).toBe(true);
      expect(await repo.apply(id, lifecycle.complete(token, result(id)))).toBe(false);
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
        lastError: null,
      });
    });

    it('fails once, fenced by the lease; the error is visible on the Failed job', async () => {
      const { id, token } = await processing();
      const error = { code: 'EXPORT_FAILED', message: 'The export failed.' };
      expect(await repo.apply(id, lifecycle.fail('other', error, at(50)))).toBe(false);
      expect(await repo.apply(id, lifecycle.fail(token, error, at(50)))).toBe(true);
      expect(await repo.apply(id, lifecycle.fail(token, error, at(51)))).toBe(false);
      expect(await get(id)).toMatchObject({
        status: 'Failed',
        lastError: error,
        completedAt: at(50),
        leaseToken: null,
      });
    });

    it('schedules a retry: back to Pending until nextAttemptAt, checkpoint kept, error kept as lastError only', async () => {
      const { id, token } = await processing();
      await repo.apply(
        id,
        lifecycle.heartbeat(token, {
          rowsWritten: 7,
          leaseExpiresAt: at(200),
          checkpoint: '{"v":1,"rows":7}',
        }),
      );
      const error = { code: 'DATABASE_UNAVAILABLE', message: 'later' };
      expect(await repo.apply(id, lifecycle.scheduleRetry('other', error, at(90)))).toBe(false);
      expect(await repo.apply(id, lifecycle.scheduleRetry(token, error, at(90)))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Pending',
        nextAttemptAt: at(90),
        checkpoint: '{"v":1,"rows":7}',
        leaseToken: null,
        leaseExpiresAt: null,
        attempt: 1,
        lastError: error,
      });
      expect(failureOf(await get(id)), 'a waiting job has not failed').toBeNull();
      expect(await repo.apply(id, lifecycle.scheduleRetry(token, error, at(95)))).toBe(false);
    });

    it('cancels Pending and Processing jobs only, which fences out the running worker', async () => {
      const pending = await inserted();
      expect(await repo.apply(pending.id, lifecycle.cancel(at(10)))).toBe(true);
      expect(await get(pending.id)).toMatchObject({
        status: 'Cancelled',
        completedAt: at(10),
      });
      expect(await repo.apply(pending.id, lifecycle.cancel(at(11)))).toBe(false);

      const { id, token } = await processing();
      expect(await repo.apply(id, lifecycle.cancel(at(20)))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Cancelled',
        leaseToken: null,
      });
      expect(
        await repo.apply(
          id,
          lifecycle.heartbeat(token, {
            rowsWritten: 1,
            leaseExpiresAt: at(300),
          }),
        ),
      ).toBe(false);
      expect(await repo.apply(id, lifecycle.complete(token, result(id)))).toBe(false);
      expect(await repo.apply(randomUUID(), lifecycle.cancel(at(20)))).toBe(false);
    });

    it('failUnlessTerminal fails any active job without a lease, but never a finished one', async () => {
      const pending = await inserted();
      const error = { code: 'DEAD_LETTERED', message: 'dead-lettered' };
      expect(await repo.apply(pending.id, lifecycle.deadLetter(error, at(10)))).toBe(true);
      expect(await get(pending.id)).toMatchObject({ status: 'Failed', lastError: error });
      expect(await repo.apply(pending.id, lifecycle.deadLetter(error, at(11)))).toBe(false);

      const { id } = await processing();
      expect(await repo.apply(id, lifecycle.deadLetter(error, at(12)))).toBe(true);
      expect(await get(id)).toMatchObject({
        status: 'Failed',
        leaseToken: null,
        nextAttemptAt: null,
      });

      const done = await processing();
      await repo.apply(done.id, lifecycle.complete(done.token, result(done.id)));
      expect(await repo.apply(done.id, lifecycle.deadLetter(error, at(13)))).toBe(false);
      expect((await get(done.id)).status).toBe('Completed');
    });

    it('finds and expires only Completed jobs whose expiresAt has passed', async () => {
      const a = await processing();
      await repo.apply(
        a.id,
        lifecycle.complete(a.token, {
          ...result(a.id),
          expiresAt: at(1000),
        }),
      );
      const b = await processing();
      await repo.apply(
        b.id,
        lifecycle.complete(b.token, {
          ...result(b.id),
          expiresAt: at(2000),
        }),
      );
      const mine = async (now: string) =>
        (await repo.find(fileExpired(now), { orderBy: 'expiresAt', limit: 1000 }))
          .map((j) => j.id)
          .filter((x) => x === a.id || x === b.id);

      expect(await mine(at(999))).toEqual([]);
      expect(await mine(at(1000))).toEqual([a.id]);
      expect(await mine(at(5000))).toEqual([a.id, b.id]);
      expect(await repo.apply(b.id, lifecycle.expire(at(1999)))).toBe(false);
      expect(await repo.apply(a.id, lifecycle.expire(at(1000)))).toBe(true);
      expect(await repo.apply(a.id, lifecycle.expire(at(1001)))).toBe(false);
      expect(await get(a.id)).toMatchObject({ status: 'Expired' });
      expect(await mine(at(5000))).toEqual([b.id]);
      expect((await repo.find(fileExpired(at(5000)), { orderBy: 'expiresAt', limit: 1 })).length).toBeLessThanOrEqual(1);
    });

    it('sends a Completed job whose file was lost back to Pending, once, only before expiry; the next claim counts an attempt', async () => {
      const { id, token } = await processing();
      await repo.apply(id, lifecycle.complete(token, result(id)));
      await repo.apply(id, lifecycle.recordDoorbell(at(10)));
      const lost = { code: 'FILE_LOST', message: 'The export file was lost before it expired.' };
      const expiry = at(100 + 24 * 3600);
      expect(await repo.apply(id, lifecycle.regenerate(expiry, { completedAt: at(100) }, lost)), 'at expiry').toBe(false);
      expect(await repo.apply(id, lifecycle.regenerate(at(200), { completedAt: at(99) }, lost)), 'an older completion').toBe(
        false,
      );
      expect(await repo.apply(id, lifecycle.regenerate(at(200), { completedAt: at(100) }, lost))).toBe(true);
      expect(await repo.apply(id, lifecycle.regenerate(at(201), { completedAt: at(100) }, lost)), 'only once').toBe(false);
      expect(await get(id)).toMatchObject({
        status: 'Pending',
        lastError: lost,
        nextAttemptAt: at(200),
        updatedAt: at(200),
        enqueuedAt: null,
        blobName: null,
        completedAt: null,
        expiresAt: null,
        rowsWritten: 0,
        rowCount: 3_000_000_000,
        sizeBytes: 5_000_000_000,
        sha256: 'ab'.repeat(32),
        snapshot: SNAP,
        attempt: 1,
      });
      const again = await claim(id, { token: 'second', expiresAt: at(400) }, at(200), { maxSessionSeq: 9, maxUserSeq: 9 });
      expect(again).toMatchObject({ status: 'Processing', attempt: 2, snapshot: SNAP });
    });

    it('finds the files that must exist, newest completion first, optionally only recent ones', async () => {
      const completed = async (completedAt: number, expiresAt: number) => {
        const { id, token } = await processing();
        await repo.apply(
          id,
          lifecycle.complete(token, { ...result(id), completedAt: at(completedAt), expiresAt: at(expiresAt) }),
        );
        return id;
      };
      const old = await completed(100, 5000);
      const recent = await completed(300, 5000);
      const newest = await completed(400, 5000);
      const expired = await completed(200, 1000);
      await processing();
      const ours = new Set([old, recent, newest, expired]);
      const found = async (since?: string, limit = 1000) =>
        (await repo.find(fileShouldExist(at(2000), since), { orderBy: 'completedAt', newestFirst: true, limit }))
          .map((j) => j.id)
          .filter((id) => ours.has(id));
      expect(await found()).toEqual([newest, recent, old]);
      expect(await found(at(300)), 'completed at or after the bound').toEqual([newest, recent]);
      expect(
        (await repo.find(fileShouldExist(at(2000)), { orderBy: 'completedAt', newestFirst: true, limit: 2 })).length,
      ).toBeLessThanOrEqual(2);
    });

    it('finds due work: unsent or stale Pending jobs, and Processing jobs whose lease expired', async () => {
      const unsent = await inserted({ createdAt: at(0) });
      const fresh = await inserted({ createdAt: at(0) });
      await repo.apply(fresh.id, lifecycle.recordDoorbell(at(180)));
      const stale = await inserted({ createdAt: at(0) });
      await repo.apply(stale.id, lifecycle.recordDoorbell(at(10)));
      const waiting = await processing();
      await repo.apply(
        waiting.id,
        lifecycle.scheduleRetry(waiting.token, { code: 'STORAGE_UNAVAILABLE', message: 'later' }, at(500)),
      );
      const running = await processing();
      await repo.apply(
        running.id,
        lifecycle.heartbeat(running.token, {
          rowsWritten: 1,
          leaseExpiresAt: at(400),
        }),
      );
      const lost = await processing();
      await repo.apply(
        lost.id,
        lifecycle.heartbeat(lost.token, {
          rowsWritten: 1,
          leaseExpiresAt: at(110),
        }),
      );
      const ours = new Set([unsent.id, fresh.id, stale.id, waiting.id, running.id, lost.id]);
      const due = async (now: string, staleBefore: string) =>
        (await repo.find(needsDoorbell(now, staleBefore), { orderBy: 'createdAt', limit: 1000 }))
          .map((j) => j.id)
          .filter((id) => ours.has(id));

      expect(new Set(await due(at(200), at(140)))).toEqual(new Set([unsent.id, stale.id, lost.id]));
      expect(new Set(await due(at(600), at(540)))).toEqual(
        new Set([unsent.id, fresh.id, stale.id, waiting.id, running.id, lost.id]),
      );
      expect((await repo.find(needsDoorbell(at(600), at(540)), { orderBy: 'createdAt', limit: 2 })).length).toBeLessThanOrEqual(
        2,
      );
    });
  });
}
