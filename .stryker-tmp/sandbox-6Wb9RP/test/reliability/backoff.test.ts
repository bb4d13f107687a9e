// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { backoffSeconds, type RetryPolicy } from '../../shared/domain/retryPolicy.js';
import { lifecycle } from '../../shared/domain/lifecycle.js';
import { processExport } from '../../shared/app/processExport.js';
import { sweepOutbox } from '../../shared/app/sweepOutbox.js';
import { Settings as S } from '../../shared/config/settings.js';
import { addSeconds } from '../../shared/domain/dates.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { JobMessage } from '../../shared/ports/jobQueue.js';
import { around, recordingQueue, seededRandom, storageUnavailable } from './support/ports.js';
import { exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';
import { restartWorker } from './support/restart.js';

/** The documented bound min(cap, base·2^(attempt−1)), with base 0 meaning "no delay" at any attempt. */
const ceilingOf = (p: RetryPolicy, attempt: number) =>
  p.baseSeconds === 0 ? 0 : Math.min(p.capSeconds, p.baseSeconds * 2 ** Math.max(0, attempt - 1));

describe('backoffSeconds (property)', () => {
  const policy = fc.record({
    maxAttempts: fc.integer({ min: 1, max: 50 }),
    baseSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 3600, noNaN: true })),
    capSeconds: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 86_400, noNaN: true })),
  });
  // Config accepts any attempt count; far beyond 1024 doublings 2^n is Infinity.
  const attempt = fc.oneof(fc.integer({ min: -3, max: 40 }), fc.integer({ min: 1000, max: 5000 }));
  const unit = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });

  it('stays within [0, min(cap, base·2^(attempt−1))] and is a finite number of seconds', () => {
    fc.assert(
      fc.property(policy, attempt, unit, (p, n, r) => {
        const d = backoffSeconds(p, n, () => r);
        expect(Number.isFinite(d)).toBe(true);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(ceilingOf(p, n));
        expect(d).toBeLessThanOrEqual(p.capSeconds);
      }),
      { seed: 20260701, numRuns: 2000 },
    );
  });

  it('uses the whole jitter range: 0 at r=0, the ceiling as r→1, monotone in r and in the attempt', () => {
    fc.assert(
      fc.property(policy, fc.integer({ min: 1, max: 40 }), unit, unit, (p, n, r1, r2) => {
        expect(backoffSeconds(p, n, () => 0)).toBe(0);
        expect(backoffSeconds(p, n, () => 1 - Number.EPSILON)).toBeCloseTo(ceilingOf(p, n), 6);
        const [lo, hi] = r1 <= r2 ? [r1, r2] : [r2, r1];
        expect(backoffSeconds(p, n, () => lo)).toBeLessThanOrEqual(backoffSeconds(p, n, () => hi));
        expect(backoffSeconds(p, n, () => r1)).toBeLessThanOrEqual(backoffSeconds(p, n + 1, () => r1));
      }),
      { seed: 20260702, numRuns: 1000 },
    );
  });
});

describe('a job that keeps failing transiently', () => {
  const MAX = 4;
  const policy: RetryPolicy = { maxAttempts: MAX, baseSeconds: 2, capSeconds: 5 };
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({
      users: 40,
      sessions: 300,
      settings: {
        [S.retryMaxAttempts]: String(policy.maxAttempts),
        [S.retryBaseSeconds]: String(policy.baseSeconds),
        [S.retryCapSeconds]: String(policy.capSeconds),
      },
    });
  });
  afterAll(async () => env?.cleanup());

  it(`makes exactly ${MAX} attempts with backoff inside the bounds, then fails with its last error`, async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    let stageCalls = 0;
    const blobs = around(env.deps().blobs, {
      stageBlock: async () => {
        stageCalls++;
        throw storageUnavailable();
      },
    });
    const queue = recordingQueue();
    const deps = env.deps({ blobs, queue, random: seededRandom(7) });
    expect(deps.policy.retry).toEqual(policy);

    let doorbell: JobMessage = message;
    for (let attempt = 1; attempt <= MAX; attempt++) {
      const failedAt = env.clock.now();
      const outcome = await processExport(deps, doorbell, silentLogger);
      const row = (await env.services.repo.get(job.id))!;
      expect(row.attempt).toBe(attempt);
      if (attempt === MAX) {
        expect(outcome).toBe('failed');
        expect(row.status).toBe('Failed');
        expect(row.lastError?.code).toBe('STORAGE_UNAVAILABLE');
        expect(row.lastError?.message).toMatch(/temporarily unavailable/);
        expect(row.lastError?.message).toMatch(new RegExp(`after ${MAX} attempts`));
        expect(row.lastError?.message, 'tells the user what to do').toMatch(/retry/i);
        break;
      }
      expect(outcome).toBe('retry-scheduled');
      expect(row.status).toBe('Pending');
      const delay = (Date.parse(row.nextAttemptAt!) - failedAt.getTime()) / 1000;
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(ceilingOf(policy, attempt));
      // The next doorbell is scheduled for exactly that moment …
      const sent = queue.sent.at(-1)!;
      expect(sent.message).toEqual({ jobId: job.id, attempt: attempt + 1 });
      expect(sent.notBefore?.toISOString()).toBe(row.nextAttemptAt);
      // … the sweeper does not jump the gun, and an early delivery finds nothing to claim.
      expect(await sweepOutbox(deps, silentLogger)).toBe(0);
      if (delay > 0) expect(await processExport(deps, sent.message, silentLogger)).toBe('skipped');
      env.clock.set(row.nextAttemptAt!);
      doorbell = sent.message;
    }
    expect(stageCalls).toBe(MAX);
    expect(queue.sent).toHaveLength(MAX - 1);
    // Nothing more happens to it: no sweep, no late doorbell revives a Failed job.
    env.clock.advance(3600);
    expect(await sweepOutbox(deps, silentLogger)).toBe(0);
    expect(await processExport(deps, doorbell, silentLogger)).toBe('skipped');
  });

  it('has the sweeper re-send a retry doorbell that was lost with the process that scheduled it', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    const blobs = around(env.deps().blobs, {
      stageBlock: async (inner, n, ...args) => {
        if (n === 1) throw storageUnavailable();
        return inner(...args);
      },
    });
    const lost = recordingQueue(); // its scheduled message is never delivered
    expect(await processExport(env.deps({ blobs, queue: lost }), message, silentLogger)).toBe('retry-scheduled');
    const pending = (await env.services.repo.get(job.id))!;
    const resendAfter = env.deps().policy.resendAfterSeconds;
    // Until the doorbell is overdue by resendAfterSeconds it may still be on its way: no re-send.
    env.clock.set(addSeconds(pending.nextAttemptAt!, resendAfter - 1));
    expect(await sweepOutbox(env.deps({ queue: recordingQueue() }), silentLogger)).toBe(0);
    env.clock.set(addSeconds(pending.nextAttemptAt!, resendAfter + 1));
    const restart = await restartWorker(env.deps());
    expect(restart.resent).toBe(1);
    expect(restart.outcomes).toEqual(['completed']);
    expect(await env.services.repo.get(job.id)).toMatchObject({ status: 'Completed', attempt: 2 });
  });

  it('gives up with ATTEMPTS_EXHAUSTED when attempts keep dying', async () => {
    env.clock.set(T0);
    const repo = env.services.repo;
    const { job, message } = await env.newJob(exportBody('csv'));
    const blobs = around(env.deps().blobs, {
      stageBlock: async () => {
        throw storageUnavailable();
      },
    });
    const deps = env.deps({ blobs, queue: recordingQueue(), random: () => 0 });
    expect(await processExport(deps, message, silentLogger)).toBe('retry-scheduled');
    // Attempts 2…MAX are claimed by workers that die (a claim and nothing else).
    for (let attempt = 2; attempt <= MAX; attempt++) {
      const now = env.clock.now();
      const lease = { token: `dead-${attempt}`, expiresAt: addSeconds(now, 5) };
      expect(await repo.apply(job.id, lifecycle.claim(now.toISOString(), lease))).toBe(true);
      expect((await repo.get(job.id))?.attempt).toBe(attempt);
      env.clock.advance(60);
    }
    const restart = await restartWorker(deps);
    expect(restart.resent).toBe(1);
    expect(restart.outcomes).toEqual(['failed']);
    const row = (await repo.get(job.id))!;
    expect(row.status).toBe('Failed');
    expect(row.lastError?.code).toBe('ATTEMPTS_EXHAUSTED');
    // The message names the last error an attempt recorded (attempt 1's storage outage).
    expect(row.lastError?.message).toBe(
      `Gave up after ${MAX} attempts: ${storageUnavailable().message} Retry the export or contact support.`,
    );
  });
});
