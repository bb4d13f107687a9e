import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addSeconds } from '../../shared/domain/dates.js';
import { isAppError } from '../../shared/domain/errors.js';
import type { ExportRequest } from '../../shared/domain/job.js';
import {
  activeJobsCreatedBy,
  activeJobsOf,
  activeRetryOf,
  claimableAt,
  holdsIdempotencyKey,
  lifecycle,
} from '../../shared/domain/lifecycle.js';
import type { JobRepository, NewJob } from '../../shared/ports/jobRepository.js';
import type { JobRepositoryTarget } from './jobRepositoryContract.js';

const T0 = '2026-07-01T00:00:00.000Z';
const at = (seconds: number): string => addSeconds(T0, seconds);
const request: ExportRequest = {
  dataType: 'sessions',
  format: 'csv',
  dateRange: { from: '2026-01-01', to: '2026-01-31' },
  filters: {},
  compression: 'none',
  csv: { delimiter: ',', includeBom: false },
};

/**
 * What the API adds to the JobRepository contract: counts for quotas, the fair claim order, the
 * creator's organization in lists, and the two uniqueness rules the store enforces atomically
 * (one holder per idempotency key, one active retry per job). Organizations, ids and keys are fresh
 * per test, so it runs on a shared database too.
 */
export function jobRepositoryApiContract(name: string, open: () => Promise<JobRepositoryTarget>): void {
  describe(`JobRepository contract (API) — ${name}`, () => {
    let target: JobRepositoryTarget;
    let repo: JobRepository;
    let orgA: string;
    let orgB: string;

    beforeEach(async () => {
      target = await open();
      repo = target.repo;
      orgA = randomUUID();
      orgB = randomUUID();
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const insert = async (o: Partial<NewJob> = {}): Promise<NewJob> => {
      const job: NewJob = {
        id: randomUUID(),
        organizationId: orgA,
        createdBy: 'user-1',
        request,
        createdAt: T0,
        fileName: 'f.csv',
        contentType: 'text/csv; charset=utf-8',
        retryOf: null,
        ...o,
      };
      await repo.insert(job);
      return job;
    };
    const duplicate = (p: Promise<unknown>) =>
      p.then(
        () => 'inserted',
        (e: unknown) => (isAppError(e) ? e.code : 'other'),
      );
    const run = async (id: string, lease = { token: randomUUID(), expiresAt: at(300) }) => {
      expect(await repo.apply(id, lifecycle.claim(at(1), lease))).toBe(true);
      return lease;
    };

    it('counts what a condition selects: active jobs per organization and per creator', async () => {
      await insert();
      const b = await insert({ createdBy: 'user-2' });
      await insert({ organizationId: orgB });
      const c = await insert();
      await run(b.id);
      expect(await repo.apply(c.id, lifecycle.cancel(at(2)))).toBe(true);
      expect(await repo.count(activeJobsOf(orgA))).toBe(2);
      expect(await repo.count(activeJobsOf(orgB))).toBe(1);
      expect(await repo.count(activeJobsCreatedBy('user-1', orgA))).toBe(1);
      // A user id counts with its organization: the same id in another organization is someone else.
      expect(await repo.count(activeJobsCreatedBy('user-1', orgB))).toBe(1);
      expect(await repo.count(activeJobsCreatedBy('user-2', orgB))).toBe(0);
    });

    it('records the creator’s organization; a list scoped to a creator needs both; orCreatedBy adds cross-organization jobs', async () => {
      const own = await insert({ createdBy: 'root' });
      const elsewhere = await insert({ organizationId: orgB, createdBy: 'root', createdByOrganizationId: orgA });
      const namesake = await insert({ organizationId: orgB, createdBy: 'root' });
      expect((await repo.get(elsewhere.id))?.createdByOrganizationId).toBe(orgA);
      expect((await repo.get(own.id))?.createdByOrganizationId).toBe(orgA);
      const ids = async (q: Parameters<JobRepository['list']>[0]) => (await repo.list(q)).map((j) => j.id).sort();
      expect(await ids({ organizationId: orgB, createdBy: 'root', limit: 10 })).toEqual([namesake.id]);
      expect(await ids({ organizationId: orgA, orCreatedBy: { userId: 'root', organizationId: orgA }, limit: 10 })).toEqual(
        [own.id, elsewhere.id].sort(),
      );
      expect(await ids({ organizationId: orgB, limit: 10 })).toEqual([elsewhere.id, namesake.id].sort());
    });

    it('orders claimable jobs fairly: fewest running jobs of the organization first, the preferred job among equals, then the oldest', async () => {
      const a1 = await insert({ createdAt: at(0) });
      const a2 = await insert({ createdAt: at(1) });
      const a3 = await insert({ createdAt: at(2) });
      const b1 = await insert({ organizationId: orgB, createdAt: at(3) });
      const ours = new Set([a1.id, a2.id, a3.id, b1.id]);
      const order = async (now: string, prefer?: string) =>
        (await repo.find(claimableAt(now), { orderBy: { kind: 'fairShare', now, ...(prefer ? { prefer } : {}) }, limit: 1000 }))
          .map((j) => j.id)
          .filter((id) => ours.has(id));
      expect(await order(at(10))).toEqual([a1.id, a2.id, a3.id, b1.id]);
      expect(await order(at(10), a3.id)).toEqual([a3.id, a1.id, a2.id, b1.id]);
      await run(a1.id); // lease until at(300)
      // Organization A runs one job: B's job comes first, whichever job the doorbell names.
      expect(await order(at(10), a3.id)).toEqual([b1.id, a3.id, a2.id]);
      // Once A's lease runs out its job no longer counts as running, and is claimable again.
      expect(await order(at(301))).toEqual([a1.id, a2.id, a3.id, b1.id]);
    });

    it('refuses a second holder of an idempotency key, until the key is released', async () => {
      const key = randomUUID().replace(/-/g, '').repeat(2);
      const first = await insert({ idempotencyKey: key, requestHash: 'h1' });
      expect(await repo.get(first.id)).toMatchObject({ idempotencyKey: key, requestHash: 'h1' });
      expect(await duplicate(insert({ idempotencyKey: key, requestHash: 'h2' }))).toBe('DUPLICATE');
      expect((await repo.find(holdsIdempotencyKey(key), { orderBy: 'createdAt', limit: 5 })).map((j) => j.id)).toEqual([
        first.id,
      ]);
      expect(await repo.apply(first.id, lifecycle.releaseIdempotencyKey(T0)), 'not older than the cutoff').toBe(false);
      expect(await repo.apply(first.id, lifecycle.releaseIdempotencyKey(at(1)))).toBe(true);
      expect((await repo.get(first.id))?.idempotencyKey).toBeNull();
      expect(await duplicate(insert({ idempotencyKey: key, requestHash: 'h2' }))).toBe('inserted');
      // Jobs without a key never collide.
      expect(await duplicate(insert())).toBe('inserted');
      expect(await duplicate(insert())).toBe('inserted');
    });

    it('allows one active retry per job: a second is refused while the first is Pending or Processing', async () => {
      const original = await insert();
      const retry = await insert({ retryOf: original.id });
      expect(await duplicate(insert({ retryOf: original.id }))).toBe('DUPLICATE');
      const lease = await run(retry.id);
      expect(await duplicate(insert({ retryOf: original.id }))).toBe('DUPLICATE');
      expect((await repo.find(activeRetryOf(original.id), { orderBy: 'createdAt', limit: 5 })).map((j) => j.id)).toEqual([
        retry.id,
      ]);
      expect(await repo.apply(retry.id, lifecycle.fail(lease.token, { code: 'EXPORT_FAILED', message: 'x' }, at(5)))).toBe(true);
      expect(await duplicate(insert({ retryOf: original.id }))).toBe('inserted');
    });
  });
}
