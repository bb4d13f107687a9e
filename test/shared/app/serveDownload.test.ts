import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { openDownload, redirectDownload, redirects, type DownloadableJob } from '../../../shared/app/serveDownload.js';
import { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, testPolicy, type FakeServices } from '../../fakes/fakeServices.js';
import { storedJob } from '../../support/storedJob.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };

async function downloadable(world: FakeServices): Promise<DownloadableJob> {
  const created = await createExportJob(world, admin, body, world.logger);
  expect(await processExport(world, { jobId: created.id, attempt: 1 }, world.logger)).toBe('completed');
  return openDownload(world, admin, created.id);
}

const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(
    () => new Error('expected a refusal'),
    (err: unknown) => err,
  );
  if (!(e instanceof AppError)) throw e;
  return { code: e.code, message: e.message };
};

describe('redirects: files above downloadRedirectBytes go to Blob Storage, the rest stream through the API', () => {
  const ofSize = (sizeBytes: number): DownloadableJob => ({
    ...storedJob({ status: 'Completed', blobName: 'org/job/file.csv', sizeBytes }),
    blobName: 'org/job/file.csv',
    sizeBytes,
  });
  const policy = { ...testPolicy, downloadRedirectBytes: 4_194_304 };

  it('exactly the threshold streams; one byte more redirects', () => {
    expect(redirects(ofSize(1), policy)).toBe(false);
    expect(redirects(ofSize(4_194_304), policy)).toBe(false);
    expect(redirects(ofSize(4_194_305), policy)).toBe(true);
    expect(redirects(ofSize(5_000_000_000), policy)).toBe(true);
  });
});

describe('openDownload', () => {
  it('a Completed job with its size, ready for HEAD, Range and ETag', async () => {
    const world = fakeServices();
    const job = await downloadable(world);
    expect(job).toMatchObject({ status: 'Completed', sizeBytes: (await world.repo.get(job.id))?.sizeBytes });
  });

  it('a Completed row without a size (a broken invariant) is refused with 500, never served with a made-up length', async () => {
    const world = fakeServices();
    const broken = storedJob({ organizationId: ORG_A, status: 'Completed', blobName: 'x/y/z.csv', sizeBytes: null });
    const withBrokenRow = { ...world, repo: { ...world.repo, get: async () => broken } };
    expect(await refusal(openDownload(withBrokenRow, admin, broken.id))).toEqual({
      code: 'INTERNAL',
      message: 'A Completed job has no size.',
    });
  });
});

describe('redirectDownload', () => {
  it('hands out a fresh URL to the file, recorded as a redirect', async () => {
    const world = fakeServices();
    const job = await downloadable(world);
    const url = await redirectDownload(world, admin, job);
    expect(world.blobs.fetchUrl(url).status).toBe(200);
    expect(world.audit.records.filter((r) => r.action === 'sas-url').map((r) => r.detail)).toEqual(['redirect']);
  });

  it('never a URL for a job that is not Completed, whatever its file: 409 naming the status', async () => {
    const world = fakeServices();
    const job = await downloadable(world);
    expect(await refusal(redirectDownload(world, admin, { ...job, status: 'Expired' }))).toEqual({
      code: 'JOB_NOT_COMPLETED',
      message: 'The job is Expired; the file is available once it is Completed.',
    });
    expect(world.audit.records.filter((r) => r.action === 'sas-url')).toEqual([]);
  });
});
