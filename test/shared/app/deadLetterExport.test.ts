import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { deadLetterExport } from '../../../shared/app/deadLetterExport.js';
import { processExport } from '../../../shared/app/processExport.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * The dead-letter handler's operations contract: `export.dead-lettered` for every dead letter, and
 * `metric export_failed` (code DEAD_LETTERED, which the failure alert counts) only when a job
 * actually ended because of it — plus "a Failed job keeps no file" and its webhook event.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function stored(world: FakeServices, id: string): Promise<ExportJob> {
  const job = await world.repo.get(id);
  if (!job) throw new Error(`no job ${id}`);
  return job;
}

describe('deadLetterExport', () => {
  it('fails an active job: logs the dead letter and the export_failed metric, removes a committed file, announces the end', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    // A worker committed the file, then kept dying before it could record the completion.
    await world.blobs.stageBlock(blobNameOf(job), 'b0', Buffer.from('orphan'));
    await world.blobs.commitBlocks(blobNameOf(job), ['b0'], { contentType: 'text/csv', fileName: job.fileName });
    const from = world.lines.length;

    expect(await deadLetterExport(world, job.id, 'MaxDeliveryCountExceeded', world.logger)).toBe(true);

    expect(world.lines.slice(from)).toEqual([
      { level: 'warn', msg: 'export.dead-lettered', props: { jobId: job.id, changed: true } },
      {
        level: 'info',
        msg: 'metric export_failed',
        props: { code: 'DEAD_LETTERED', metric: 'export_failed', value: 1 },
      },
    ]);
    expect(await world.blobs.exists(blobNameOf(job)), 'a Failed job keeps no file').toBe(false);
    const failed = await stored(world, job.id);
    expect(failed.status).toBe('Failed');
    expect(failed.eventsQueuedAt, 'the terminal event was handed to the webhooks').toBe('2026-07-01T00:00:00.000Z');
  });

  it('a dead letter for a job that already ended: logged as unchanged, no failure counted, its file kept', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
    const completed = await stored(world, job.id);
    const from = world.lines.length;

    expect(await deadLetterExport(world, job.id, 'MaxDeliveryCountExceeded', world.logger)).toBe(false);

    expect(world.lines.slice(from)).toEqual([
      { level: 'warn', msg: 'export.dead-lettered', props: { jobId: job.id, changed: false } },
    ]);
    expect(await world.blobs.exists(blobNameOf(job))).toBe(true);
    expect(await stored(world, job.id)).toEqual(completed);
  });
});
