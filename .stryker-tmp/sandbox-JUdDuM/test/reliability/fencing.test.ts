// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processExport } from '../../shared/app/processExport.js';
import { addSeconds } from '../../shared/domain/dates.js';
import { lifecycle, type CompletedFile, type Lease } from '../../shared/domain/lifecycle.js';
import { committedBlobs, download, jobPrefix, sha256Hex } from './support/exportFiles.js';
import { around, captureLogger } from './support/ports.js';
import { exportBody, reliabilityEnv, T0, type ReliabilityEnv } from './support/reliabilityEnv.js';
import { restartWorker } from './support/restart.js';

/**
 * Every worker write is conditional on the lease token: once a newer attempt took the job over (or
 * the job was cancelled), whatever the stale attempt still does changes nothing.
 */
describe('fencing (repository on SQLite)', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 20, sessions: 200 });
  });
  afterAll(async () => env?.cleanup());

  const at = (s: number) => addSeconds(T0, s);
  const row = (id: string) =>
    env.runtime.sql.db.selectFrom('export_jobs').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const result = (s: number): CompletedFile => ({
    rowCount: 1,
    sizeBytes: 1,
    sha256: '0'.repeat(64),
    blobName: 'stale/file.csv',
    completedAt: at(s),
    expiresAt: at(s + 86_400),
  });
  /** The worker's claim: the transition, then the snapshot at the first claim. */
  const claim = async (id: string, lease: Lease, now: string) => {
    const repo = env.services.repo;
    if (!(await repo.apply(id, lifecycle.claim(now, lease)))) return undefined;
    await repo.apply(id, lifecycle.fixSnapshot(lease.token, await env.services.source.snapshot()));
    return repo.get(id);
  };

  /** Everything a worker holding `token` might still try, each expected to change 0 rows. */
  async function staleWrites(id: string, token: string, s: number): Promise<boolean[]> {
    const repo = env.services.repo;
    return [
      await repo.apply(
        id,
        lifecycle.heartbeat(token, { rowsWritten: 999, leaseExpiresAt: at(s + 5), checkpoint: '{"stale":true}' }),
      ),
      await repo.apply(id, lifecycle.complete(token, result(s))),
      await repo.apply(id, lifecycle.fail(token, { code: 'EXPORT_FAILED', message: 'stale' }, at(s))),
      await repo.apply(id, lifecycle.scheduleRetry(token, { code: 'STORAGE_UNAVAILABLE', message: 'stale' }, at(s + 10))),
    ];
  }

  it('does not let a second worker claim a job whose lease is alive', async () => {
    const { job } = await env.newJob(exportBody('csv', { dataType: 'users' }));
    expect(await claim(job.id, { token: 'a', expiresAt: at(5) }, at(0))).toMatchObject({ attempt: 1 });
    expect(await claim(job.id, { token: 'b', expiresAt: at(9) }, at(4))).toBeUndefined();
    expect((await row(job.id)).lease_token).toBe('a');
  });

  it('ignores every write of an attempt that was taken over after its lease expired', async () => {
    const repo = env.services.repo;
    const { job } = await env.newJob(exportBody('csv', { dataType: 'users' }));
    await claim(job.id, { token: 'old', expiresAt: at(5) }, at(0));
    const taken = await claim(job.id, { token: 'new', expiresAt: at(11) }, at(6));
    expect(taken).toMatchObject({ status: 'Processing', attempt: 2, leaseToken: 'new' });

    const before = await row(job.id);
    expect(await staleWrites(job.id, 'old', 7)).toEqual([false, false, false, false]);
    expect(await row(job.id)).toEqual(before);
    // The current holder still can.
    expect(await repo.apply(job.id, lifecycle.heartbeat('new', { rowsWritten: 10, leaseExpiresAt: at(12) }))).toBe(true);
  });

  it('ignores a stale attempt once the new one completed, failed or scheduled a retry', async () => {
    const repo = env.services.repo;
    for (const finish of ['complete', 'fail', 'scheduleRetry'] as const) {
      const { job } = await env.newJob(exportBody('csv', { dataType: 'users' }));
      await claim(job.id, { token: 'old', expiresAt: at(5) }, at(0));
      await claim(job.id, { token: 'new', expiresAt: at(11) }, at(6));
      if (finish === 'complete') expect(await repo.apply(job.id, lifecycle.complete('new', result(8)))).toBe(true);
      if (finish === 'fail')
        expect(await repo.apply(job.id, lifecycle.fail('new', { code: 'EXPORT_FAILED', message: 'x' }, at(8)))).toBe(true);
      if (finish === 'scheduleRetry') {
        expect(
          await repo.apply(job.id, lifecycle.scheduleRetry('new', { code: 'STORAGE_UNAVAILABLE', message: 'x' }, at(20))),
        ).toBe(true);
      }
      const before = await row(job.id);
      expect(await staleWrites(job.id, 'old', 9), finish).toEqual([false, false, false, false]);
      // After a retry was scheduled the token of the attempt that scheduled it is spent too.
      expect(await staleWrites(job.id, 'new', 9), finish).toEqual([false, false, false, false]);
      expect(await row(job.id), finish).toEqual(before);
    }
  });

  it('ignores the running worker once the job was cancelled', async () => {
    const repo = env.services.repo;
    const { job } = await env.newJob(exportBody('csv', { dataType: 'users' }));
    await claim(job.id, { token: 'w', expiresAt: at(5) }, at(0));
    expect(await repo.apply(job.id, lifecycle.cancel(at(1)))).toBe(true);
    const before = await row(job.id);
    expect(await staleWrites(job.id, 'w', 2)).toEqual([false, false, false, false]);
    expect(await row(job.id)).toEqual(before);
    expect(before.status).toBe('Cancelled');
  });
});

describe('fencing end to end', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 2_000, pageSize: 100, blockSize: 16 * 1024 });
  });
  afterAll(async () => env?.cleanup());

  it('a stalled attempt that commits after it was taken over keeps the new attempt’s file', async () => {
    env.clock.set(T0);
    const { job, message } = await env.newJob(exportBody('csv'));
    let takeover: Awaited<ReturnType<typeof restartWorker>> | undefined;
    // Attempt 1 stalls right before its commit, long enough to lose the lease; attempt 2 (sweeper +
    // worker) finishes the job meanwhile; then attempt 1's commit goes through after all.
    const stalled = around(env.deps().blobs, {
      commitBlocks: async (inner, _n, ...args) => {
        env.clock.advance(60);
        takeover = await restartWorker(env.deps());
        return inner(...args);
      },
    });
    const log = captureLogger();
    const outcome = await processExport(env.deps({ blobs: stalled }), message, log);

    expect(takeover?.outcomes).toEqual(['completed']);
    expect(outcome).toBe('lease-lost');
    const done = (await env.services.repo.get(job.id))!;
    expect(done).toMatchObject({ status: 'Completed', attempt: 2 });
    // The file the row points at must still be there, whole.
    expect(await committedBlobs(env.connectionString, env.container, jobPrefix(job))).toEqual([done.blobName]);
    const file = await download(env.services.blobs, done.blobName!);
    expect(sha256Hex(file)).toBe(done.sha256);
    expect(file.length).toBe(done.sizeBytes);
  });
});
