import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { purgeExports } from '../../../shared/app/purgeExports.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function completedJobs(world: FakeServices, count: number): Promise<ExportJob[]> {
  const jobs: ExportJob[] = [];
  for (let i = 0; i < count; i++) {
    const job = await createExportJob(world, admin, body, world.logger);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    jobs.push(job);
  }
  return jobs;
}

const purgeLines = (world: FakeServices) => world.lines.filter((l) => l.msg === 'purge.expired');

describe('purgeExports', () => {
  it('works through every expired file batch by batch, a full batch and the rest, and logs the count once', async () => {
    const world = fakeServices();
    const jobs = await completedJobs(world, 3);
    world.clock.advance(24 * 3600);

    // Batches of 2: the first is full (there may be more), the second holds the last one.
    expect(await purgeExports(world, world.logger, 2)).toBe(3);

    for (const job of jobs) {
      expect(await world.blobs.exists(blobNameOf(job))).toBe(false);
      expect((await world.repo.get(job.id))?.status).toBe('Expired');
    }
    expect(purgeLines(world)).toEqual([{ level: 'info', msg: 'purge.expired', props: { count: 3 } }]);
  });

  it('exactly one full batch: all purged, one line', async () => {
    const world = fakeServices();
    await completedJobs(world, 2);
    world.clock.advance(24 * 3600);
    expect(await purgeExports(world, world.logger, 2)).toBe(2);
    expect(purgeLines(world)).toEqual([{ level: 'info', msg: 'purge.expired', props: { count: 2 } }]);
  });

  it('logs nothing when nothing expired, and reports a single purged file', async () => {
    const world = fakeServices();
    await completedJobs(world, 1);
    expect(await purgeExports(world, world.logger)).toBe(0);
    expect(purgeLines(world), 'no line when nothing was purged').toEqual([]);
    world.clock.advance(24 * 3600);
    expect(await purgeExports(world, world.logger)).toBe(1);
    expect(purgeLines(world)).toEqual([{ level: 'info', msg: 'purge.expired', props: { count: 1 } }]);
  });
});
