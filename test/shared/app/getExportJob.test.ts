import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { getExportJob } from '../../../shared/app/getExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { purgeExports } from '../../../shared/app/purgeExports.js';
import { reconcileFiles } from '../../../shared/app/reconcileFiles.js';
import { AppError } from '../../../shared/domain/errors.js';
import { blobNameOf, FILE_LOST } from '../../../shared/domain/files.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/**
 * The job GET's file check (one metadata request, vouching for FILE_CHECK_VALID_MS = 10 s) vouches
 * only for the file it checked — that job, that completion — and only when it passed; and the
 * download URLs it hands out are recorded for each caller.
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
const origin = { requestId: 'req-1', clientAddress: '203.0.113.5' };

async function complete(world: FakeServices, id: string): Promise<void> {
  expect(await processExport(world, { jobId: id, attempt: (await world.repo.get(id))!.attempt + 1 }, world.logger)).toBe(
    'completed',
  );
}

async function completedJob(world: FakeServices): Promise<string> {
  const job = await createExportJob(world, admin, body, world.logger);
  await complete(world, job.id);
  return job.id;
}

/** A world whose metadata requests (`sizeOf`) are counted. */
function counting(world: FakeServices) {
  const counter = { requests: 0 };
  const services = {
    ...world,
    blobs: { ...world.blobs, sizeOf: (name: string) => (counter.requests++, world.blobs.sizeOf(name)) },
  };
  return { services, counter };
}

const blobOf = async (world: FakeServices, id: string) => blobNameOf((await world.repo.get(id))!);

describe('getExportJob: what a passed file check vouches for', () => {
  it('only its own job: two jobs completed at the same instant with files of the same size are checked each', async () => {
    const world = fakeServices();
    const first = await completedJob(world);
    const second = await completedJob(world);
    expect((await world.repo.get(first))?.sizeBytes).toBe((await world.repo.get(second))?.sizeBytes);
    expect((await getExportJob(world, admin, first, origin)).downloadUrl).not.toBeNull();
    await world.blobs.delete(await blobOf(world, second));

    const seen = await getExportJob(world, admin, second, origin);
    expect(seen.downloadUrl).toBeNull();
    expect(seen.job).toMatchObject({ status: 'Pending', lastError: FILE_LOST });
  });

  it('only its own completion: a file made again is checked afresh within the window', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    expect((await getExportJob(world, admin, id, origin)).downloadUrl).not.toBeNull();
    world.clock.advance(1);
    // Lost, caught by the sweep and made again (a new completion, same name and size) …
    await world.blobs.delete(await blobOf(world, id));
    expect((await reconcileFiles(world, world.logger)).lost).toBe(1);
    await complete(world, id);
    // … and lost again, 1 s after the first check passed.
    await world.blobs.delete(await blobOf(world, id));
    const seen = await getExportJob(world, admin, id, origin);
    expect(seen.downloadUrl).toBeNull();
    expect(seen.job.status).toBe('Pending');
  });

  it('never a failed check: a file lost twice at the same instant is caught twice', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    await world.blobs.delete(await blobOf(world, id));
    expect((await getExportJob(world, admin, id, origin)).job.status).toBe('Pending');
    // Made again at the same instant: the same name, size and completion time as before.
    await complete(world, id);
    await world.blobs.delete(await blobOf(world, id));
    const seen = await getExportJob(world, admin, id, origin);
    expect(seen.downloadUrl).toBeNull();
    expect(seen.job.status).toBe('Pending');
  });

  it('storage not answering the check: the GET answers, with a warning naming the job', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    const from = world.lines.length;
    const down = {
      ...world,
      blobs: { ...world.blobs, sizeOf: () => Promise.reject(new AppError('STORAGE_UNAVAILABLE', 'Storage is unavailable.')) },
    };
    expect((await getExportJob(down, admin, id, origin)).job.status).toBe('Completed');
    expect(world.lines.slice(from).filter((l) => l.level === 'warn')).toEqual([
      { level: 'warn', msg: 'export.file_check skipped: storage did not answer', props: { jobId: id } },
    ]);
  });
});

describe('getExportJob: no file check where no file is handed out', () => {
  it('a Completed job past its expiry (the purge not run yet), and an Expired one: no metadata request', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    const { services, counter } = counting(world);
    world.clock.advance(24 * 3600);
    expect((await getExportJob(services, admin, id, origin)).job.status).toBe('Completed');
    expect(counter.requests, 'past expiresAt').toBe(0);
    expect(await purgeExports(world, world.logger)).toBe(1);
    const expired = await getExportJob(services, admin, id, origin);
    expect(expired).toMatchObject({ job: { status: 'Expired' }, downloadUrl: null });
    expect(counter.requests, 'Expired').toBe(0);
  });

  it('a Completed job before its expiry: one request', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    const { services, counter } = counting(world);
    await getExportJob(services, admin, id, origin);
    expect(counter.requests).toBe(1);
  });
});

describe('getExportJob: a download URL is handed out per caller', () => {
  it('two users whose id and address run together alike are still two callers, each recorded', async () => {
    const world = fakeServices();
    const id = await completedJob(world);
    const one: Principal = { userId: 'admin-1', organizationId: ORG_A, roles: ['Admin'] };
    const eleven: Principal = { userId: 'admin-11', organizationId: ORG_A, roles: ['Admin'] };
    await getExportJob(world, one, id, { requestId: 'req-1', clientAddress: '12.0.0.1' });
    await getExportJob(world, eleven, id, { requestId: 'req-2', clientAddress: '2.0.0.1' });
    const records = world.audit.records.filter((r) => r.action === 'sas-url');
    expect(records.map((r) => [r.actorId, r.clientAddress])).toEqual([
      ['admin-1', '12.0.0.1'],
      ['admin-11', '2.0.0.1'],
    ]);
  });
});
