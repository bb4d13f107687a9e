import { describe, expect, it } from 'vitest';
import type { ExportJob } from '../../../shared/domain/job.js';
import { storedJob } from '../../support/storedJob.js';
import { FILE_LOST } from '../../../shared/domain/files.js';
import {
  applyChanges,
  conditionOf,
  fileExpired,
  fileShouldExist,
  holds,
  isRegenerating,
  lifecycle,
  needsDoorbell,
} from '../../../shared/domain/lifecycle.js';

const T = (s: number) => new Date(Date.UTC(2026, 6, 1, 0, 0, s)).toISOString();

const job = (o: Partial<ExportJob> = {}): ExportJob => storedJob({ createdAt: T(0), updatedAt: T(0), ...o });

const applies = (t: ReturnType<(typeof lifecycle)[keyof typeof lifecycle]>, j: ExportJob) => holds(conditionOf(t), j);

describe('lifecycle transitions', () => {
  const lease = { token: 'L', expiresAt: T(100) };

  it('claims a due Pending job and starts the next attempt, keeping the first startedAt', () => {
    const claim = lifecycle.claim(T(10), lease);
    expect(applies(claim, job())).toBe(true);
    expect(applies(claim, job({ nextAttemptAt: T(10) })), 'due exactly now').toBe(true);
    expect(applies(claim, job({ nextAttemptAt: T(11) })), 'not yet due').toBe(false);
    const claimed = applyChanges(job({ attempt: 2, startedAt: T(1) }), claim.changes);
    expect(claimed).toMatchObject({
      status: 'Processing',
      attempt: 3,
      leaseToken: 'L',
      leaseExpiresAt: T(100),
      startedAt: T(1),
      nextAttemptAt: null,
      updatedAt: T(10),
    });
    expect(applyChanges(job(), claim.changes).startedAt).toBe(T(10));
  });

  it('takes over a Processing job only once its lease has expired (strictly)', () => {
    const claim = lifecycle.claim(T(10), lease);
    expect(applies(claim, job({ status: 'Processing', leaseExpiresAt: T(9) }))).toBe(true);
    expect(applies(claim, job({ status: 'Processing', leaseExpiresAt: T(10) }))).toBe(false);
    expect(applies(claim, job({ status: 'Processing', leaseExpiresAt: null }))).toBe(false);
    for (const status of ['Completed', 'Failed', 'Cancelled', 'Expired'] as const)
      expect(applies(claim, job({ status }))).toBe(false);
  });

  it('fences every worker write by the lease token, only while Processing', () => {
    const held = job({ status: 'Processing', leaseToken: 'L' });
    const error = { code: 'X', message: 'x' };
    const file = { rowCount: 1, sizeBytes: 2, sha256: 'h', blobName: 'b', completedAt: T(5), expiresAt: T(6) };
    for (const t of [
      lifecycle.heartbeat('L', { rowsWritten: 1, leaseExpiresAt: T(1) }),
      lifecycle.complete('L', file),
      lifecycle.fail('L', error, T(1)),
      lifecycle.scheduleRetry('L', error, T(1)),
    ]) {
      expect(applies(t, held), t.name).toBe(true);
      expect(applies(t, { ...held, leaseToken: 'other' }), t.name).toBe(false);
      expect(applies(t, { ...held, status: 'Cancelled' }), t.name).toBe(false);
    }
  });

  it('leaves no lease behind a job that leaves Processing, and keeps the checkpoint only for a retry', () => {
    const held = job({ status: 'Processing', leaseToken: 'L', leaseExpiresAt: T(9), checkpoint: '{"v":1}' });
    const error = { code: 'X', message: 'x' };
    const file = { rowCount: 1, sizeBytes: 2, sha256: 'h', blobName: 'b', completedAt: T(5), expiresAt: T(6) };
    const done = applyChanges(held, lifecycle.complete('L', file).changes);
    expect(done).toMatchObject({
      status: 'Completed',
      leaseToken: null,
      leaseExpiresAt: null,
      checkpoint: null,
      rowCount: 1,
      rowsWritten: 1,
      expiresAt: T(6),
    });
    expect(applyChanges(held, lifecycle.fail('L', error, T(5)).changes)).toMatchObject({
      status: 'Failed',
      lastError: error,
      leaseToken: null,
      checkpoint: null,
      completedAt: T(5),
    });
    expect(applyChanges(held, lifecycle.scheduleRetry('L', error, T(7)).changes)).toMatchObject({
      status: 'Pending',
      nextAttemptAt: T(7),
      leaseToken: null,
      checkpoint: '{"v":1}',
      lastError: error,
    });
    expect(applyChanges(held, lifecycle.cancel(T(5)).changes)).toMatchObject({
      status: 'Cancelled',
      leaseToken: null,
      completedAt: T(5),
    });
  });

  it('a heartbeat keeps the checkpoint unless it brings one (null clears it)', () => {
    const held = job({ status: 'Processing', leaseToken: 'L', checkpoint: 'old' });
    expect(applyChanges(held, lifecycle.heartbeat('L', { rowsWritten: 5, leaseExpiresAt: T(3) }).changes).checkpoint).toBe('old');
    expect(
      applyChanges(held, lifecycle.heartbeat('L', { rowsWritten: 5, leaseExpiresAt: T(3), checkpoint: null }).changes).checkpoint,
    ).toBeNull();
  });

  it('cancels and dead-letters only active jobs; fixes the snapshot only once, by the lease holder', () => {
    for (const t of [lifecycle.cancel(T(1)), lifecycle.deadLetter({ code: 'DEAD_LETTERED', message: 'x' }, T(1))]) {
      expect(applies(t, job())).toBe(true);
      expect(applies(t, job({ status: 'Processing' }))).toBe(true);
      for (const status of ['Completed', 'Failed', 'Cancelled', 'Expired'] as const)
        expect(applies(t, job({ status })), `${t.name} ${status}`).toBe(false);
    }
    const fix = lifecycle.fixSnapshot('L', { maxSessionSeq: 1, maxUserSeq: 2 });
    expect(applies(fix, job({ status: 'Processing', leaseToken: 'L' }))).toBe(true);
    expect(applies(fix, job({ status: 'Processing', leaseToken: 'L', snapshot: { maxSessionSeq: 0, maxUserSeq: 0 } }))).toBe(
      false,
    );
    expect(applies(fix, job({ status: 'Processing', leaseToken: 'M' }))).toBe(false);
  });

  it('expires a Completed job from its expiry on, never before', () => {
    expect(applies(lifecycle.expire(T(10)), job({ status: 'Completed', expiresAt: T(10) }))).toBe(true);
    expect(applies(lifecycle.expire(T(9)), job({ status: 'Completed', expiresAt: T(10) }))).toBe(false);
    expect(holds(fileExpired(T(11)), job({ status: 'Completed', expiresAt: T(10) }))).toBe(true);
    expect(holds(fileExpired(T(11)), job({ status: 'Expired', expiresAt: T(10) }))).toBe(false);
  });

  it('regenerates a Completed job only before its expiry, and only the completion that was checked', () => {
    const done = job({
      status: 'Completed',
      attempt: 2,
      completedAt: T(5),
      expiresAt: T(100),
      blobName: 'org/job/f.csv',
      rowsWritten: 3,
      rowCount: 3,
      sizeBytes: 10,
      sha256: 'ab',
      lastError: null,
    });
    const regenerate = (now: number, completedAt = T(5)) => lifecycle.regenerate(T(now), { completedAt }, FILE_LOST);
    expect(applies(regenerate(50), done)).toBe(true);
    expect(applies(regenerate(99), done), 'just before expiry').toBe(true);
    expect(applies(regenerate(100), done), 'at expiry the file is expired, not lost').toBe(false);
    expect(applies(regenerate(50, T(4)), done), 'a check of an earlier completion').toBe(false);
    expect(applies(regenerate(50, T(6)), done), 'a check made after this completion').toBe(true);
    for (const status of ['Pending', 'Processing', 'Failed', 'Cancelled', 'Expired'] as const)
      expect(applies(regenerate(50), { ...done, status }), status).toBe(false);

    const sentBack = applyChanges(done, regenerate(50).changes);
    expect(sentBack).toMatchObject({
      status: 'Pending',
      lastError: FILE_LOST,
      nextAttemptAt: T(50),
      updatedAt: T(50),
      enqueuedAt: null,
      blobName: null,
      completedAt: null,
      expiresAt: null,
      rowsWritten: 0,
      checkpoint: null,
      // What the file will be once made again, until `complete` records it.
      rowCount: 3,
      sizeBytes: 10,
      sha256: 'ab',
      // The claim counts the attempt.
      attempt: 2,
    });
    expect(isRegenerating(sentBack)).toBe(true);
    expect(isRegenerating(done)).toBe(false);
    expect(isRegenerating(job()), 'a job that never completed').toBe(false);
    expect(isRegenerating({ ...sentBack, status: 'Failed' }), 'a job that gave up').toBe(false);
    expect(applies(lifecycle.claim(T(50), lease), sentBack), 'due at once').toBe(true);
    expect(applies(lifecycle.expire(T(200)), sentBack), 'no longer a file to expire').toBe(false);
    expect(lifecycle.regenerate(T(0), { completedAt: T(0) }, { code: 'FILE_LOST', message: 'x' }).to).toBe('Pending');
  });

  it('knows which files must exist: Completed, not expired, completed since a time when given', () => {
    const done = (completedAt: number, expiresAt: number) =>
      job({ status: 'Completed', completedAt: T(completedAt), expiresAt: T(expiresAt) });
    expect(holds(fileShouldExist(T(50)), done(5, 100))).toBe(true);
    expect(holds(fileShouldExist(T(100)), done(5, 100)), 'expired').toBe(false);
    expect(holds(fileShouldExist(T(50), T(5)), done(5, 100)), 'completed exactly at the bound').toBe(true);
    expect(holds(fileShouldExist(T(50), T(6)), done(5, 100)), 'completed before the bound').toBe(false);
    expect(holds(fileShouldExist(T(50)), { ...done(5, 100), status: 'Expired' })).toBe(false);
    // Exactly the complement of "expired" among Completed jobs: no file is both, none neither.
    for (const now of [99, 100, 101]) {
      const j = done(5, 100);
      expect(holds(fileShouldExist(T(now)), j)).toBe(!holds(fileExpired(T(now)), j));
    }
  });

  it('needs a doorbell: a due Pending job never sent or sent long ago and unchanged since; a dead worker’s job', () => {
    const due = needsDoorbell(T(100), T(40));
    expect(holds(due, job())).toBe(true);
    expect(holds(due, job({ enqueuedAt: T(50) })), 'sent recently').toBe(false);
    expect(holds(due, job({ enqueuedAt: T(40) })), 'sent at the stale bound').toBe(true);
    expect(holds(due, job({ updatedAt: T(41) })), 'changed recently').toBe(false);
    expect(holds(due, job({ nextAttemptAt: T(101) })), 'waiting for its backoff').toBe(false);
    expect(holds(due, job({ status: 'Processing', leaseExpiresAt: T(99) }))).toBe(true);
    expect(holds(due, job({ status: 'Processing', leaseExpiresAt: T(100) }))).toBe(false);
    expect(holds(due, job({ status: 'Completed' }))).toBe(false);
  });
});
