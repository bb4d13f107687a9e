import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../shared/app/cancelExportJob.js';
import { processExport } from '../../shared/app/processExport.js';
import { purgeExports } from '../../shared/app/purgeExports.js';
import { sweepOutbox } from '../../shared/app/sweepOutbox.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { addSeconds } from '../../shared/domain/dates.js';
import { committedBlobs, jobPrefix } from './support/exportFiles.js';
import { around, observedPages } from './support/ports.js';
import { acmeAdmin, exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';

describe('cancellation', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 2_000, pageSize: 100, blockSize: 16 * 1024, progressIntervalMs: 200 });
  });
  afterAll(async () => env?.cleanup());

  const blobsOf = (job: { organizationId: string; id: string }) =>
    committedBlobs(env.connectionString, env.container, jobPrefix(job));

  it('stops the worker at its next heartbeat (a checkpoint) and leaves no committed blob', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    let staged = 0;
    const blobs = around(env.deps().blobs, {
      stageBlock: async (inner, n, ...args) => {
        staged = n;
        await inner(...args);
        // What DELETE /api/export-jobs/{id} does, while block 3 is being written.
        if (n === 3) expect((await cancelExportJob(env.deps(), acmeAdmin, job.id)).status).toBe('Cancelled');
      },
    });
    expect(await processExport(env.deps({ blobs }), message, silentLogger)).toBe('lease-lost');
    expect(staged, 'no block after the heartbeat that noticed').toBe(3);
    expect((await env.services.repo.get(job.id))!.status).toBe('Cancelled');
    expect(await blobsOf(job)).toEqual([]);
    // Nothing brings it back: no sweep, no late doorbell.
    env.clock.advance(3600);
    expect(await sweepOutbox(env.deps(), silentLogger)).toBe(0);
    expect(await processExport(env.deps(), message, silentLogger)).toBe('skipped');
  });

  it('stops at the next progress heartbeat even between block boundaries', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    const pageWorkers = observedPages(env.deps().pageWorkers, {
      beforePage: async (page) => {
        env.clock.advance(1); // one second per page: a progress heartbeat is due every 200 ms
        if (page === 3) await cancelExportJob(env.deps(), acmeAdmin, job.id);
      },
    });
    // Blocks far larger than the export: only progress heartbeats can notice the cancellation.
    const deps = env.deps({ pageWorkers, policy: { ...env.deps().policy, blockSizeBytes: 64 * 1024 * 1024 } });
    expect(await processExport(deps, message, silentLogger)).toBe('lease-lost');
    // It stops at the heartbeat after page 3; only the pages already being read ahead (two per
    // page thread) are read besides — not the rest of the export's 20 pages.
    expect(pageWorkers.pages).toBeGreaterThanOrEqual(3);
    expect(pageWorkers.pages).toBeLessThanOrEqual(3 + 2 * pageWorkers.parallelism);
    expect(await blobsOf(job)).toEqual([]);
  });

  it('deletes the file when the cancellation lands between the commit and the completion', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    const blobs = around(env.deps().blobs, {
      commitBlocks: async (inner, _n, ...args) => {
        await cancelExportJob(env.deps(), acmeAdmin, job.id);
        return inner(...args);
      },
    });
    expect(await processExport(env.deps({ blobs }), message, silentLogger)).toBe('cancelled');
    expect((await env.services.repo.get(job.id))!.status).toBe('Cancelled');
    expect(await blobsOf(job)).toEqual([]);
  });

  it('never starts a job cancelled while Pending', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    await cancelExportJob(env.deps(), acmeAdmin, job.id);
    expect(await processExport(env.deps(), message, silentLogger)).toBe('skipped');
    expect(await env.services.repo.get(job.id)).toMatchObject({ status: 'Cancelled', attempt: 0 });
    expect(await blobsOf(job)).toEqual([]);
  });
});

describe('purge of expired files', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 200 });
  });
  afterAll(async () => env?.cleanup());

  async function completedJob(at: string) {
    env.clock.set(at);
    const { job, message } = await env.newJob(exportBody('csv', { dataType: 'users' }));
    expect(await processExport(env.deps(), message, silentLogger)).toBe('completed');
    return (await env.services.repo.get(job.id))!;
  }

  it('never deletes before expiresAt, tolerates a blob already gone, and is idempotent', async () => {
    const early = await completedJob(T0);
    const gone = await completedJob(T0);
    const late = await completedJob(addSeconds(T0, 7200));
    expect(early.expiresAt).toBe(addSeconds(T0, 24 * 3600));
    expect(await env.services.blobs.delete(gone.blobName!)).toBe(true); // someone removed it already
    const exists = (j: typeof early) => env.services.blobs.exists(j.blobName!);
    const status = async (j: typeof early) => (await env.services.repo.get(j.id))!.status;

    // One millisecond before: nothing is touched.
    env.clock.set(new Date(Date.parse(early.expiresAt!) - 1).toISOString());
    expect(await purgeExports(env.deps(), silentLogger)).toBe(0);
    expect([await exists(early), await exists(late)]).toEqual([true, true]);
    expect([await status(early), await status(gone), await status(late)]).toEqual(['Completed', 'Completed', 'Completed']);

    // At expiresAt: the two due files go (one was already gone), the later one stays.
    env.clock.set(early.expiresAt!);
    expect(await purgeExports(env.deps(), silentLogger)).toBe(2);
    expect([await exists(early), await exists(late)]).toEqual([false, true]);
    expect([await status(early), await status(gone), await status(late)]).toEqual(['Expired', 'Expired', 'Completed']);

    // Again: nothing left to do, nothing fails.
    expect(await purgeExports(env.deps(), silentLogger)).toBe(0);

    // Two timers racing (two instances): each file is expired once.
    env.clock.set(late.expiresAt!);
    const counts = await Promise.all([purgeExports(env.deps(), silentLogger), purgeExports(env.deps(), silentLogger)]);
    expect(counts[0] + counts[1]).toBe(1);
    expect(await exists(late)).toBe(false);
    expect(await status(late)).toBe('Expired');
  });
});
