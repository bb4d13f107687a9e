import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { regenerateFile } from '../../../shared/app/regenerateFile.js';
import { FILE_LOST } from '../../../shared/domain/files.js';
import type { ExportJob } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * Sending a job back because its file was lost: `export.file_lost` and the `export_file_lost` metric
 * (the Azure alert counts it) once per loss, with what was expected and found, and one doorbell.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function completedJob(world: FakeServices): Promise<ExportJob> {
  const created = await createExportJob(world, admin, body, world.logger);
  expect(await processExport(world, { jobId: created.id, attempt: 1 }, world.logger)).toBe('completed');
  const job = await world.repo.get(created.id);
  if (!job) throw new Error('the job vanished');
  return job;
}

const lossLines = (world: FakeServices) =>
  world.lines.filter((l) => l.msg.startsWith('export.file_lost') || l.msg === 'metric export_file_lost');

describe('regenerateFile', () => {
  it('sends a Completed job back once, logs what was expected and found, counts the loss, rings once', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    const sent = world.queue.sent.length;
    const context = { jobId: job.id, organizationId: ORG_A, format: 'csv' };

    const first = await regenerateFile(world, job, { ok: false, foundBytes: 9 }, 'reconcile', world.logger);
    expect(first.sentBack).toBe(true);
    expect(first.job).toMatchObject({ status: 'Pending', lastError: FILE_LOST });
    // A concurrent check with the same (now stale) job: already sent back, nothing is told twice.
    const second = await regenerateFile(world, job, { ok: false, foundBytes: undefined }, 'download', world.logger);
    expect(second.sentBack).toBe(false);
    expect(second.job.status).toBe('Pending');

    expect(lossLines(world)).toEqual([
      {
        level: 'warn',
        msg: 'export.file_lost: making the file again',
        props: { ...context, detectedBy: 'reconcile', expectedBytes: job.sizeBytes, foundBytes: 9, completedAt: job.completedAt },
      },
      {
        level: 'info',
        msg: 'metric export_file_lost',
        props: { ...context, detectedBy: 'reconcile', metric: 'export_file_lost', value: 1 },
      },
    ]);
    expect(world.queue.sent.slice(sent).map((s) => s.message)).toEqual([{ jobId: job.id, attempt: 2 }]);
  });

  it('a missing file is logged as found: null', async () => {
    const world = fakeServices();
    const job = await completedJob(world);
    await regenerateFile(world, job, { ok: false, foundBytes: undefined }, 'downloadUrl', world.logger);
    expect(lossLines(world)[0]?.props).toMatchObject({ detectedBy: 'downloadUrl', foundBytes: null });
  });

  it('a job that is not Completed is not sent back and nothing is told', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, body, world.logger);
    const sent = world.queue.sent.length;
    const result = await regenerateFile(world, job, { ok: false, foundBytes: undefined }, 'reconcile', world.logger);
    expect(result).toEqual({ job, sentBack: false });
    expect(lossLines(world)).toEqual([]);
    expect(world.queue.sent.length).toBe(sent);
  });
});
