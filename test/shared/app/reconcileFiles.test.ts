import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { reconcileFiles } from '../../../shared/app/reconcileFiles.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * The reconciliation pass's operations contract: `reconcile.files_lost` when (and only when) files
 * were sent back, `reconcile.interrupted` when storage stopped answering — and every job checked
 * once, in batches.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function completedJobs(world: FakeServices, count: number): Promise<ExportJob[]> {
  const jobs: ExportJob[] = [];
  for (let i = 0; i < count; i++) {
    const job = await createExportJob(world, admin, body, world.logger);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    jobs.push(job);
    world.clock.advance(1);
  }
  return jobs;
}

const reconcileLines = (world: FakeServices) => world.lines.filter((l) => l.msg.startsWith('reconcile.'));

describe('reconcileFiles', () => {
  it('checks every job once across batches (9 jobs: a batch of 8 and one more)', async () => {
    const world = fakeServices();
    const jobs = await completedJobs(world, 9);
    await world.blobs.delete(blobNameOf(jobs[0]!));
    expect(await reconcileFiles(world, world.logger)).toEqual({ checked: 9, lost: 1, interrupted: false });
    expect(reconcileLines(world)).toEqual([{ level: 'warn', msg: 'reconcile.files_lost', props: { checked: 9, lost: 1 } }]);
  });

  it('logs nothing when every file is there', async () => {
    const world = fakeServices();
    await completedJobs(world, 2);
    expect(await reconcileFiles(world, world.logger)).toEqual({ checked: 2, lost: 0, interrupted: false });
    expect(reconcileLines(world)).toEqual([]);
  });

  it('a file that is there but not its recorded size is lost too', async () => {
    const world = fakeServices();
    const [job] = await completedJobs(world, 1);
    await world.blobs.stageBlock(blobNameOf(job!), 'x', Buffer.from('truncated'));
    await world.blobs.commitBlocks(blobNameOf(job!), ['x'], { contentType: job!.contentType, fileName: job!.fileName });
    expect(await reconcileFiles(world, world.logger)).toEqual({ checked: 1, lost: 1, interrupted: false });
    expect((await world.repo.get(job!.id))?.status).toBe('Pending');
    expect(reconcileLines(world)).toEqual([{ level: 'warn', msg: 'reconcile.files_lost', props: { checked: 1, lost: 1 } }]);
  });

  it('storage failing in the second batch: the pass stops after the 8 it checked and says why', async () => {
    const world = fakeServices();
    await completedJobs(world, 9);
    let calls = 0;
    const failing = {
      ...world,
      blobs: {
        ...world.blobs,
        sizeOf: (name: string) => (++calls > 8 ? Promise.reject(new TypeError('fetch failed')) : world.blobs.sizeOf(name)),
      },
    };
    expect(await reconcileFiles(failing, world.logger)).toEqual({ checked: 8, lost: 0, interrupted: true });
    expect(reconcileLines(world)).toEqual([
      { level: 'warn', msg: 'reconcile.interrupted: storage did not answer', props: { checked: 8, error: 'TypeError' } },
    ]);
  });

  it('a rejection that is not an Error is named "unknown" (nothing of it reaches the log)', async () => {
    const world = fakeServices();
    await completedJobs(world, 1);
    // Some clients reject with plain objects; their content must not reach the log.
    const odd = { name: 'RestError', message: 'secret-bearing text' } as Error;
    const failing = { ...world, blobs: { ...world.blobs, sizeOf: () => Promise.reject(odd) } };
    expect(await reconcileFiles(failing, world.logger)).toEqual({ checked: 0, lost: 0, interrupted: true });
    expect(reconcileLines(world)).toEqual([
      { level: 'warn', msg: 'reconcile.interrupted: storage did not answer', props: { checked: 0, error: 'unknown' } },
    ]);
  });
});
