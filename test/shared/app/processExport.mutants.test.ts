import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { regenerateFile } from '../../../shared/app/regenerateFile.js';
import { AppError } from '../../../shared/domain/errors.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import { lifecycle } from '../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../shared/domain/principal.js';
import type { BlobStore } from '../../../shared/ports/blobStore.js';
import type { JobRepository } from '../../../shared/ports/jobRepository.js';
import { fakeServices, ORG_A, type FakeServices, type LogLine } from '../../fakes/fakeServices.js';

/**
 * What the worker tells operations about each outcome: the log events and metrics the Azure Monitor
 * alerts and the workbook query (infra/queries/*.kql), with their properties, and no event when
 * nothing of the kind happened.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { from: '2026-03-01', to: '2026-03-31' };

async function newJob(world: FakeServices, body: object = {}): Promise<ExportJob> {
  const job = await createExportJob(
    world,
    admin,
    { dataType: 'sessions', format: 'csv', dateRange: march, ...body },
    world.logger,
  );
  // Only the worker's lines from here on.
  world.lines.length = 0;
  return job;
}

async function stored(world: FakeServices, id: string): Promise<ExportJob> {
  const job = await world.repo.get(id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

/** The properties every line of one attempt carries. */
const jobProps = (job: ExportJob, attempt = 1) => ({
  jobId: job.id,
  organizationId: ORG_A,
  dataType: 'sessions',
  format: 'csv',
  attempt,
});

const named = (world: FakeServices, ...msgs: string[]): LogLine[] => world.lines.filter((l) => msgs.includes(l.msg));

/** Makes `stageBlock` fail at the first block with what the storage SDK threw. */
const failingStorage = (blobs: BlobStore, thrown: () => Promise<never>): BlobStore => ({
  ...blobs,
  stageBlock: thrown,
});

describe('processExport: what it logs', () => {
  it('a doorbell with nothing to claim: one info line naming the job and the message attempt', async () => {
    const world = fakeServices();
    expect(await processExport(world, { jobId: 'a-job-long-gone', attempt: 3 }, world.logger)).toBe('skipped');
    expect(world.lines).toEqual([
      { level: 'info', msg: 'export.skip: nothing to claim', props: { jobId: 'a-job-long-gone', messageAttempt: 3 } },
    ]);
  });

  it('a doorbell whose job is gone claims the due job instead and says for which doorbell', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    expect(await processExport(world, { jobId: 'a-job-long-gone', attempt: 1 }, world.logger)).toBe('completed');
    expect(named(world, 'export.claimed in fair order')).toEqual([
      { level: 'info', msg: 'export.claimed in fair order', props: { ...jobProps(job), doorbellFor: 'a-job-long-gone' } },
    ]);
  });

  it('a completed first export: queue wait, duration, rows and bytes; no fair-order or regeneration event', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    world.clock.advance(7); // waited 7 s in the queue
    // Committing the file takes 3 s.
    const blobs: BlobStore = {
      ...world.blobs,
      commitBlocks: async (...args) => {
        world.clock.advance(3);
        return world.blobs.commitBlocks(...args);
      },
    };
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    const done = await stored(world, job.id);
    expect(done.rowCount).toBeGreaterThan(0);
    expect(done.sizeBytes).toBeGreaterThan(0);
    const rows = done.rowCount ?? -1;
    const bytes = done.sizeBytes ?? -1;
    const props = jobProps(job);
    expect(named(world, 'export.completed')).toEqual([
      { level: 'info', msg: 'export.completed', props: { ...props, rows, bytes, ms: 3000, resumed: false } },
    ]);
    expect(world.lines.filter((l) => l.msg.startsWith('metric '))).toEqual([
      { level: 'info', msg: 'metric export_queue_wait_ms', props: { ...props, metric: 'export_queue_wait_ms', value: 7000 } },
      { level: 'info', msg: 'metric export_duration_ms', props: { ...props, metric: 'export_duration_ms', value: 3000 } },
      { level: 'info', msg: 'metric export_rows', props: { ...props, metric: 'export_rows', value: rows } },
      { level: 'info', msg: 'metric export_bytes', props: { ...props, metric: 'export_bytes', value: bytes } },
    ]);
    expect(world.lines.filter((l) => /fair order|regenerated|export\.error|export\.failed/.test(l.msg))).toEqual([]);
  });

  it('a job claimed more often than allowed: the attempts-exhausted warning and the export_failed metric', async () => {
    const world = fakeServices({ policy: { retry: { maxAttempts: 1, baseSeconds: 5, capSeconds: 600 } } });
    const job = await newJob(world);
    const now = world.clock.now().toISOString();
    expect(await world.repo.apply(job.id, lifecycle.claim(now, { token: 'dead', expiresAt: now }))).toBe(true);
    world.clock.advance(1);
    expect(await processExport(world, { jobId: job.id, attempt: 2 }, world.logger)).toBe('failed');
    const props = jobProps(job, 2);
    expect(named(world, 'export.failed: attempts exhausted', 'metric export_failed')).toEqual([
      { level: 'warn', msg: 'export.failed: attempts exhausted', props },
      {
        level: 'info',
        msg: 'metric export_failed',
        props: { ...props, code: 'ATTEMPTS_EXHAUSTED', metric: 'export_failed', value: 1 },
      },
    ]);
  });

  it('a transient error: the retry warning with its code and delay (to a tenth of a second)', async () => {
    // random 0.2469 × the first backoff step of 5 s = 1.2345 s.
    const world = { ...fakeServices(), random: () => 0.2469 };
    const job = await newJob(world);
    const blobs = failingStorage(world.blobs, () =>
      Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', { retryable: true })),
    );
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('retry-scheduled');
    expect(named(world, 'export.retry scheduled')).toEqual([
      {
        level: 'warn',
        msg: 'export.retry scheduled',
        props: { ...jobProps(job), code: 'STORAGE_UNAVAILABLE', delaySeconds: 1.2 },
      },
    ]);
    expect(named(world, 'export.error', 'export.failed', 'metric export_failed')).toEqual([]);
  });

  it('an internal error: the error line names only the error type, then the failure and its metric', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    const blobs = failingStorage(world.blobs, () => Promise.reject(new TypeError('x is undefined (user åsa@example.com)')));
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('failed');
    const props = jobProps(job);
    expect(named(world, 'export.error', 'export.failed', 'metric export_failed')).toEqual([
      { level: 'error', msg: 'export.error', props: { ...props, error: 'TypeError' } },
      { level: 'warn', msg: 'export.failed', props: { ...props, code: 'EXPORT_FAILED' } },
      {
        level: 'info',
        msg: 'metric export_failed',
        props: { ...props, code: 'EXPORT_FAILED', metric: 'export_failed', value: 1 },
      },
    ]);
  });

  it('something thrown that is not an Error is logged as an unknown error', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    // Some libraries reject with a bare string.
    // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
    const blobs = failingStorage(world.blobs, () => Promise.reject('socket hang up'));
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('failed');
    expect(named(world, 'export.error')).toEqual([
      { level: 'error', msg: 'export.error', props: { ...jobProps(job), error: 'unknown' } },
    ]);
  });

  it('a permanent product error fails the job with its own code, and is no internal error', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    const blobs = failingStorage(world.blobs, () => Promise.reject(new AppError('ROW_CAP_EXCEEDED', 'Too many rows.')));
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('failed');
    const props = jobProps(job);
    expect(named(world, 'export.error', 'export.failed', 'metric export_failed')).toEqual([
      { level: 'warn', msg: 'export.failed', props: { ...props, code: 'ROW_CAP_EXCEEDED' } },
      {
        level: 'info',
        msg: 'metric export_failed',
        props: { ...props, code: 'ROW_CAP_EXCEEDED', metric: 'export_failed', value: 1 },
      },
    ]);
  });

  it('a job cancelled during the export: the stop line, and nothing else of an outcome', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    const blobs: BlobStore = {
      ...world.blobs,
      stageBlock: async (...args) => {
        await world.repo.apply(job.id, lifecycle.cancel(world.clock.now().toISOString()));
        return world.blobs.stageBlock(...args);
      },
    };
    expect(await processExport({ ...world, blobs }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('lease-lost');
    expect(named(world, 'export.stopped: cancelled or taken over')).toEqual([
      { level: 'info', msg: 'export.stopped: cancelled or taken over', props: jobProps(job) },
    ]);
    expect(world.lines.filter((l) => /export\.(completed|failed|error)|metric export_(failed|rows)/.test(l.msg))).toEqual([]);
  });
});

/** A repository on which `before` runs just before the job's `complete` transition. */
const beforeComplete = (repo: JobRepository, before: (jobId: string) => Promise<void>): JobRepository => ({
  ...repo,
  apply: async (id, transition) => {
    if (transition.name === 'complete') await before(id);
    return repo.apply(id, transition);
  },
});

describe('processExport: the job changed between the commit and recording it', () => {
  it('cancelled meanwhile: the committed file is deleted and the outcome is cancelled', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    const repo = beforeComplete(world.repo, async (id) => {
      expect(world.blobs.blobs.has(blobNameOf(job)), 'the file was committed').toBe(true);
      await world.repo.apply(id, lifecycle.cancel(world.clock.now().toISOString()));
    });
    expect(await processExport({ ...world, repo }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('cancelled');
    expect((await stored(world, job.id)).status).toBe('Cancelled');
    expect(world.blobs.blobs.has(blobNameOf(job))).toBe(false);
    expect(named(world, 'export.cancelled after commit; file deleted', 'export.completed')).toEqual([
      { level: 'info', msg: 'export.cancelled after commit; file deleted', props: jobProps(job) },
    ]);
  });

  it('taken over by a newer attempt after our lease ran out: the file (the newer attempt’s too) stays', async () => {
    const world = fakeServices();
    const job = await newJob(world);
    const repo = beforeComplete(world.repo, async (id) => {
      world.clock.advance(world.policy.leaseSeconds + 1);
      const now = world.clock.now().toISOString();
      expect(await world.repo.apply(id, lifecycle.claim(now, { token: 'newer', expiresAt: '2099-01-01T00:00:00.000Z' }))).toBe(
        true,
      );
    });
    expect(await processExport({ ...world, repo }, { jobId: job.id, attempt: 1 }, world.logger)).toBe('lease-lost');
    expect(await stored(world, job.id)).toMatchObject({ status: 'Processing', leaseToken: 'newer' });
    expect(world.blobs.blobs.has(blobNameOf(job))).toBe(true);
    expect(named(world, 'export.superseded after commit: another attempt owns the job', 'export.completed')).toEqual([
      { level: 'info', msg: 'export.superseded after commit: another attempt owns the job', props: jobProps(job) },
    ]);
  });
});

describe('processExport: a lost file made again', () => {
  /** Completes the job, loses its file and sends it back to be made again (attempt 2). */
  async function lostAndSentBack(world: FakeServices): Promise<ExportJob> {
    const job = await newJob(world);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    const done = await stored(world, job.id);
    await world.blobs.delete(blobNameOf(done));
    expect((await regenerateFile(world, done, { ok: false, foundBytes: undefined }, 'reconcile', world.logger)).sentBack).toBe(
      true,
    );
    world.lines.length = 0;
    return done;
  }
  const regenerationLines = (world: FakeServices) =>
    world.lines.filter((l) => l.msg.startsWith('export.regenerated') || l.msg === 'metric export_file_regenerated');

  it('the same bytes again: an info line and the metric, identical', async () => {
    const world = fakeServices();
    const done = await lostAndSentBack(world);
    expect(await processExport(world, { jobId: done.id, attempt: 2 }, world.logger)).toBe('completed');
    const again = await stored(world, done.id);
    expect(again).toMatchObject({ sha256: done.sha256, sizeBytes: done.sizeBytes });
    const props = jobProps(done, 2);
    expect(regenerationLines(world)).toEqual([
      { level: 'info', msg: 'export.regenerated', props: { ...props, identical: true } },
      {
        level: 'info',
        msg: 'metric export_file_regenerated',
        props: { ...props, identical: true, metric: 'export_file_regenerated', value: 1 },
      },
    ]);
  });

  it('a row under the snapshot edited since (same length, other bytes): a warning that the file differs', async () => {
    const world = fakeServices();
    const done = await lostAndSentBack(world);
    // An exported session's user changes their e-mail address to one of the same length.
    const firstSession = world.fixture.sessions.find(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01' && s.startedAt < '2026-04-01',
    );
    const user = world.fixture.users.find((u) => u.id === firstSession?.userId);
    if (!user) throw new Error('the fixture has a March session of a known user');
    const email = (user.email.startsWith('q') ? 'r' : 'q') + user.email.slice(1);
    await world.source.addUsers([{ ...user, email }]);

    expect(await processExport(world, { jobId: done.id, attempt: 2 }, world.logger)).toBe('completed');
    const again = await stored(world, done.id);
    expect(again.sizeBytes).toBe(done.sizeBytes);
    expect(again.sha256).not.toBe(done.sha256);
    const props = jobProps(done, 2);
    expect(regenerationLines(world)).toEqual([
      { level: 'warn', msg: 'export.regenerated: the file differs from the lost one', props: { ...props, identical: false } },
      {
        level: 'info',
        msg: 'metric export_file_regenerated',
        props: { ...props, identical: false, metric: 'export_file_regenerated', value: 1 },
      },
    ]);
  });
});
