import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { discardFile } from '../../../shared/app/discardFile.js';
import { processExport } from '../../../shared/app/processExport.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

/** A file a worker committed for `job` (it may have died right after). */
async function commitFile(world: FakeServices, job: ExportJob): Promise<void> {
  await world.blobs.stageBlock(blobNameOf(job), 'b0', Buffer.from('orphan'));
  await world.blobs.commitBlocks(blobNameOf(job), ['b0'], { contentType: 'text/csv', fileName: job.fileName });
}

describe('discardFile', () => {
  it('deletes the file of a Cancelled job and says so', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    await cancelExportJob(world, admin, job.id);
    // The fenced-out worker committed its file after the cancel.
    await commitFile(world, job);
    expect(await discardFile(world, job.id, world.logger)).toBe(true);
    expect(await world.blobs.exists(blobNameOf(job))).toBe(false);
  });

  it('a job that may keep a file (Completed), or no job at all: false, nothing deleted', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    expect(await discardFile(world, job.id, world.logger)).toBe(false);
    expect(await world.blobs.exists(blobNameOf(job))).toBe(true);
    expect(await discardFile(world, '00000000-0000-4000-8000-00000000dead', world.logger)).toBe(false);
  });

  it('storage refusing the delete: deferred to the lifecycle rule with a warning naming the job, still true', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    await cancelExportJob(world, admin, job.id);
    await commitFile(world, job);
    const from = world.lines.length;
    const down = { ...world, blobs: { ...world.blobs, delete: () => Promise.reject(new Error('ECONNRESET')) } };
    expect(await discardFile(down, job.id, world.logger)).toBe(true);
    expect(world.lines.slice(from)).toEqual([{ level: 'warn', msg: 'file cleanup deferred', props: { jobId: job.id } }]);
  });
});
