// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExport, type ProcessOutcome } from '../../shared/app/processExport.js';
import { inProcessQueue } from '../../shared/adapters/queue/inProcessQueue.js';
import { systemClock } from '../../shared/adapters/systemClock.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { Services } from '../../shared/app/services.js';
import type { JobMessage } from '../../shared/ports/jobQueue.js';
import { expectCompletedExport } from './support/assertions.js';
import { committedBlobs } from './support/exportFiles.js';
import { onTransitions } from './support/ports.js';
import { exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';
import { startWorkerChild, type ChildResult, type WorkerChildSpec } from './support/runWorkerChild.js';
import { Settings as S } from '../../shared/config/settings.js';

// Workers in child processes run on real time from T0 while this process' clock stands still: a
// long lease keeps a slow machine from turning "concurrent" into "taken over".
const settings = { [S.leaseSeconds]: '600' };

/** Starts worker processes, waits until each has built its services, then lets them all go at once with `alongside`. */
async function together<T>(specs: WorkerChildSpec[], alongside: () => Promise<T>): Promise<[ChildResult[], T]> {
  const children = specs.map((s) => startWorkerChild({ ...s, waitForGo: true }));
  await Promise.all(children.map((c) => c.ready));
  children.forEach((c) => c.go());
  return Promise.all([Promise.all(children.map((c) => c.done)), alongside()]);
}

/** deps whose successful `complete` writes are counted per job. */
function countingCompletions(deps: Services): { deps: Services; completions: Map<string, number> } {
  const completions = new Map<string, number>();
  const repo = onTransitions(deps.repo, {
    complete: async (apply, _n, id) => {
      const ok = await apply();
      if (ok) completions.set(id, (completions.get(id) ?? 0) + 1);
      return ok;
    },
  });
  return { deps: { ...deps, repo }, completions };
}

const bodies = [exportBody('csv'), exportBody('json'), exportBody('ndjson'), exportBody('csv', { gzip: true })];

describe('duplicate deliveries', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 1_000, pageSize: 100, blockSize: 16 * 1024, settings });
  });
  afterAll(async () => env?.cleanup());

  it('the same message delivered several times, at once and later, completes the job once', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    const { deps, completions } = countingCompletions(env.deps());
    const together = await Promise.all(Array.from({ length: 5 }, () => processExport(deps, message, silentLogger)));
    expect(together.filter((o) => o === 'completed')).toHaveLength(1);
    expect(together.filter((o) => o === 'skipped')).toHaveLength(4);
    for (let i = 0; i < 3; i++) expect(await processExport(deps, message, silentLogger)).toBe('skipped');
    // Also the doorbell of a later attempt (e.g. from the sweeper) finds nothing to do.
    expect(await processExport(deps, { jobId: job.id, attempt: 2 }, silentLogger)).toBe('skipped');
    expect(completions.get(job.id)).toBe(1);
    await expectCompletedExport(env, job.id);
  });

  it('the in-process queue drops repeats while a message is pending, and a later repeat is a no-op', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('json'));
    const { deps, completions } = countingCompletions(env.deps());
    const queue = inProcessQueue({ maxDeliveryCount: 5, concurrency: 4, clock: systemClock });
    const outcomes: ProcessOutcome[] = [];
    queue.consume(
      async (d) => void outcomes.push(await processExport(deps, d.body, silentLogger)),
      async () => undefined,
    );
    for (let i = 0; i < 5; i++) await queue.send(message);
    await queue.idle();
    await queue.send(message);
    await queue.idle();
    await queue.close();
    expect(outcomes).toEqual(['completed', 'skipped']);
    expect(completions.get(job.id)).toBe(1);
    await expectCompletedExport(env, job.id);
  });

  it('the same message handled by three worker processes and this one at once completes the job once', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('ndjson'));
    const { deps, completions } = countingCompletions(env.deps());
    const spec = { env: env.settings, clockStart: T0, messages: [message], blockSize: env.blockSize, pageSize: env.pageSize };
    const [children, local] = await together([spec, spec, spec], () => processExport(deps, message, silentLogger));
    for (const r of children) expect(r.code, r.stderr).toBe(0);
    const events = children.flatMap((r) => r.events);
    expect(events.filter((e) => e.ev === 'complete' && e.ok).length + (completions.get(job.id) ?? 0)).toBe(1);
    expect(events.filter((e) => e.ev === 'claimed').length + (local === 'skipped' ? 0 : 1)).toBe(1);
    await expectCompletedExport(env, job.id);
  });
});

describe('concurrent consumers', () => {
  const JOBS = 50;
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 600, pageSize: 100, blockSize: 16 * 1024, settings });
  });
  afterAll(async () => env?.cleanup());

  it(`${JOBS} jobs, every message delivered to four consumers (three processes + this one): ${JOBS} blobs, each job completed once`, async () => {
    env.clock.set(T0);
    const messages: JobMessage[] = [];
    for (let i = 0; i < JOBS; i++) messages.push((await env.newJob(bodies[i % bodies.length])).message);
    // Each consumer gets every message, starting at a different place, so they collide all the way.
    const rotated = (k: number) => [...messages.slice(k), ...messages.slice(0, k)];
    const spec = (k: number) => ({
      env: env.settings,
      clockStart: T0,
      messages: rotated(k),
      blockSize: env.blockSize,
      pageSize: env.pageSize,
      concurrency: 3,
    });

    const { deps, completions } = countingCompletions(env.deps());
    const local: ProcessOutcome[] = [];
    const [results] = await together([spec(0), spec(17), spec(34)], async () => {
      const queue = inProcessQueue({ maxDeliveryCount: 5, concurrency: 4, clock: systemClock });
      queue.consume(
        async (d) => void local.push(await processExport(deps, d.body, silentLogger)),
        async () => undefined,
      );
      for (const m of rotated(25)) await queue.send(m);
      await queue.idle();
      await queue.close();
    });

    for (const r of results) {
      expect(r.code, r.stderr).toBe(0);
      expect(r.events.filter((e) => e.ev === 'abandoned')).toEqual([]);
    }
    const perJob = new Map(completions);
    for (const e of results.flatMap((r) => r.events)) {
      if (e.ev === 'complete' && e.ok) perJob.set(e.jobId, (perJob.get(e.jobId) ?? 0) + 1);
    }
    expect(perJob.size).toBe(JOBS);
    expect(
      [...perJob.values()].every((n) => n === 1),
      'no job completed twice',
    ).toBe(true);
    const claims =
      results.flatMap((r) => r.events).filter((e) => e.ev === 'claimed').length + local.filter((o) => o !== 'skipped').length;
    expect(claims, 'each job claimed exactly once').toBe(JOBS);
    // More than one consumer did real work.
    expect(
      results.filter((r) => r.events.some((e) => e.ev === 'complete' && e.ok)).length + (completions.size > 0 ? 1 : 0),
    ).toBeGreaterThan(1);

    expect(await committedBlobs(env.connectionString, env.container, '')).toHaveLength(JOBS);
    for (const m of messages) {
      const { job } = await expectCompletedExport(env, m.jobId);
      expect(job.attempt).toBe(1);
    }
  });
});
