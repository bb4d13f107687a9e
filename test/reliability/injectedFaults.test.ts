import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { processExport, type ProcessOutcome } from '../../shared/app/processExport.js';
import { Settings as S } from '../../shared/config/settings.js';
import { inProcessQueue } from '../../shared/adapters/queue/inProcessQueue.js';
import { systemClock } from '../../shared/adapters/systemClock.js';
import { expectCompletedExport, playUntilSettled } from './support/assertions.js';
import { committedBlobs, jobPrefix } from './support/exportFiles.js';
import { startFaultProxy, type FaultProxy } from './support/faultProxy.js';
import { captureLogger, onTransitions, observedPages, recordingQueue, sqliteBusy } from './support/ports.js';
import { exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';
import { restartWorker } from './support/restart.js';

const MAX_ATTEMPTS = 3;

describe('injected faults', () => {
  let proxy: FaultProxy;
  let env: ReliabilityEnv;
  let rows: number;

  beforeAll(async () => {
    proxy = await startFaultProxy(inject('azuritePort'));
    env = await reliabilityEnv({
      users: 40,
      sessions: 2_000,
      pageSize: 100,
      blockSize: 16 * 1024,
      settings: { [S.blobConnectionString]: proxy.connectionString, [S.retryMaxAttempts]: String(MAX_ATTEMPTS) },
    });
    rows = 2_000;
  });
  afterAll(async () => {
    await env?.cleanup();
    await proxy?.close();
  });

  /** A fresh csv export of Acme's sessions and a worker whose doorbells are recorded. */
  async function setup() {
    proxy.rule = undefined;
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    const queue = recordingQueue();
    return { job, message, queue, log: captureLogger() };
  }

  describe('Blob Storage, through a fault-injecting proxy in front of Azurite', () => {
    it('absorbs a single 503 on a block upload (the SDK retries it) and completes on attempt 1', async () => {
      const { job, message, queue, log } = await setup();
      let stages = 0;
      proxy.rule = (r) => (r.isStageBlock && r.url.includes(job.id) && ++stages === 3 ? 503 : undefined);
      const injectedBefore = proxy.injected.length;

      expect(await processExport(env.deps({ queue }), message, log)).toBe('completed');
      expect(proxy.injected.length - injectedBefore).toBe(1);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done).toMatchObject({ attempt: 1, rowCount: rows });
    });

    it('retries through an outage that spans attempts, then resumes and completes', async () => {
      const { job, message, queue, log } = await setup();
      let stages = 0;
      let down = false;
      // Storage goes down after the 6th block of this job; the gateway answers 502 to everything.
      proxy.rule = (r) => {
        if (r.isStageBlock && r.url.includes(job.id) && ++stages === 7) down = true;
        return down ? 502 : undefined;
      };
      const pageWorkers = observedPages(env.deps().pageWorkers);
      const deps = env.deps({ queue, pageWorkers, random: () => 0.5 });

      expect(await processExport(deps, message, log)).toBe('retry-scheduled');
      const first = (await env.services.repo.get(job.id))!;
      expect(first).toMatchObject({ status: 'Pending', attempt: 1 });
      expect(log.named('export.retry scheduled')[0]?.props).toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      // Attempt 2 runs while storage is still down …
      env.clock.set(first.nextAttemptAt!);
      expect(await processExport(deps, queue.sent.at(-1)!.message, log)).toBe('retry-scheduled');
      // … and the outage is over before attempt 3.
      down = false;
      proxy.rule = undefined;
      env.clock.set((await env.services.repo.get(job.id))!.nextAttemptAt!);
      const readBefore = pageWorkers.rowsRead;
      const outcomes = await playUntilSettled(env, deps, queue.sent, queue.sent.at(-1)!.message, log);
      expect(outcomes).toEqual(['completed']);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done).toMatchObject({ attempt: 3, rowCount: rows });
      expect(log.named('export.completed')[0]?.props).toMatchObject({ resumed: true });
      expect(pageWorkers.rowsRead - readBefore, 'attempt 3 continued from the checkpoint').toBeLessThan(rows);
    });

    it('fails a job whose storage stays down after its attempts, with a reason a user can act on', async () => {
      const { job, message, queue, log } = await setup();
      proxy.rule = (r) => (r.url.includes(job.id) ? 502 : undefined);
      const outcomes = await playUntilSettled(env, env.deps({ queue }), queue.sent, message, log);
      expect(outcomes).toEqual([...Array<ProcessOutcome>(MAX_ATTEMPTS - 1).fill('retry-scheduled'), 'failed']);
      const failed = (await env.services.repo.get(job.id))!;
      expect(failed).toMatchObject({ status: 'Failed', attempt: MAX_ATTEMPTS, lastError: { code: 'STORAGE_UNAVAILABLE' } });
      expect(failed.status).toBe('Failed');
      expect(failed.lastError?.message).toBe(
        `Blob Storage is temporarily unavailable. Gave up after ${MAX_ATTEMPTS} attempts; retry the export later.`,
      );
      expect(await committedBlobs(env.connectionString, env.container, jobPrefix(job))).toEqual([]);
    });
  });

  describe('the database (SQLITE_BUSY, translated to DATABASE_UNAVAILABLE)', () => {
    it('retries when a checkpoint write fails, and resumes from the previous checkpoint', async () => {
      const { job, message, queue, log } = await setup();
      const repo = onTransitions(env.deps().repo, {
        heartbeat: async (apply, n) => {
          if (n === 4) throw sqliteBusy('heartbeat');
          return apply();
        },
      });
      const outcomes = await playUntilSettled(env, env.deps({ repo, queue }), queue.sent, message, log);
      expect(outcomes).toEqual(['retry-scheduled', 'completed']);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done).toMatchObject({ attempt: 2, rowCount: rows });
      expect(log.named('export.retry scheduled')[0]?.props).toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      expect(log.named('export.completed')[0]?.props).toMatchObject({ resumed: true });
    });

    it('retries when reading the dataset fails midway', async () => {
      const { job, message, queue, log } = await setup();
      let failed = false;
      const pageWorkers = observedPages(env.deps().pageWorkers, {
        beforePage: (page) => {
          if (page === 9 && !failed) {
            failed = true;
            throw sqliteBusy('dataset page');
          }
        },
      });
      const outcomes = await playUntilSettled(env, env.deps({ pageWorkers, queue }), queue.sent, message, log);
      expect(outcomes).toEqual(['retry-scheduled', 'completed']);
      await expectCompletedExport(env, job.id);
      expect(log.named('export.completed')[0]?.props).toMatchObject({ attempt: 2, resumed: true });
    });

    it('redelivers the message when the claim itself fails, and completes on the next delivery', async () => {
      const { job, message, log } = await setup();
      const repo = onTransitions(env.deps().repo, {
        claim: async (apply, n) => {
          if (n === 1) throw sqliteBusy('claim');
          return apply();
        },
      });
      const deps = env.deps({ repo });
      const queue = inProcessQueue({ maxDeliveryCount: 5, concurrency: 1, clock: systemClock });
      const deliveries: number[] = [];
      const outcomes: ProcessOutcome[] = [];
      queue.consume(
        async (d) => {
          deliveries.push(d.deliveryCount);
          outcomes.push(await processExport(deps, d.body, log));
        },
        async () => undefined,
      );
      await queue.send(message);
      await queue.idle();
      await queue.close();
      expect(deliveries).toEqual([1, 2]);
      expect(outcomes).toEqual(['completed']);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done.attempt).toBe(1);
    });

    it('recovers when the completion write fails after the commit', async () => {
      const { job, message, queue, log } = await setup();
      const repo = onTransitions(env.deps().repo, {
        complete: async (apply, n) => {
          if (n === 1) throw sqliteBusy('complete');
          return apply();
        },
      });
      const outcomes = await playUntilSettled(env, env.deps({ repo, queue }), queue.sent, message, log);
      expect(outcomes).toEqual(['retry-scheduled', 'completed']);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done.attempt).toBe(2);
    });

    it('recovers when the database stays away long enough that even the retry cannot be recorded', async () => {
      const { job, message, log } = await setup();
      // Checkpoint write fails, then scheduling the retry fails too: the message is abandoned.
      const repo = onTransitions(env.deps().repo, {
        heartbeat: async (apply, n) => {
          if (n === 3) throw sqliteBusy('heartbeat');
          return apply();
        },
        scheduleRetry: async () => {
          throw sqliteBusy('scheduleRetry');
        },
      });
      await expect(processExport(env.deps({ repo }), message, log)).rejects.toMatchObject({ code: 'DATABASE_UNAVAILABLE' });
      // The redelivered message finds the (dead) attempt's lease still alive: nothing to do yet.
      expect(await processExport(env.deps(), message, log)).toBe('skipped');
      // Once the lease has run out, the sweeper hands the job to a new attempt, which resumes.
      env.clock.advance(60);
      const restart = await restartWorker(env.deps());
      expect(restart.outcomes).toEqual(['completed']);
      const { job: done } = await expectCompletedExport(env, job.id);
      expect(done.attempt).toBe(2);
      expect(restart.log.named('export.completed')[0]?.props).toMatchObject({ resumed: true });
      expect(restart.rowsRead).toBeLessThan(rows);
    });
  });
});
