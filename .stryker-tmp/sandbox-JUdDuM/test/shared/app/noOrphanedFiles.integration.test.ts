// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { deadLetterExport } from '../../../shared/app/deadLetterExport.js';
import { blobNameOf } from '../../../shared/domain/files.js';
import { silentLogger } from '../../../shared/adapters/log/jsonLogger.js';
import { ACME, testEnv, type TestEnv } from '../../support/testServices.js';
import { exportRequest, insertJob } from '../../support/insertJob.js';

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ sessions: 10 });
});
afterAll(async () => env.cleanup());

/** A job whose worker committed its file and then died before recording completion. */
async function orphanedJob() {
  const deps = env.services;
  const job = await insertJob(
    deps.repo,
    ACME,
    exportRequest({ dataType: 'users', dateRange: { from: '2026-01-01', to: '2026-01-02' } }),
  );
  await deps.blobs.stageBlock(blobNameOf(job), 'YmxvY2stMA==', Buffer.from('a,b\r\n'));
  await deps.blobs.commitBlocks(blobNameOf(job), ['YmxvY2stMA=='], { contentType: 'text/csv', fileName: job.fileName });
  expect(await deps.blobs.exists(blobNameOf(job))).toBe(true);
  return job;
}

describe('no file outlives a job that did not complete', () => {
  it('cancel removes a file committed by a worker that died before completing', async () => {
    const job = await orphanedJob();
    const cancelled = await cancelExportJob(
      env.services,
      { userId: 'test-user', organizationId: ACME, roles: ['Manager'] },
      job.id,
    );
    expect(cancelled.status).toBe('Cancelled');
    expect(await env.services.blobs.exists(blobNameOf(job))).toBe(false);
  });

  it('a dead-lettered job keeps no file either', async () => {
    const job = await orphanedJob();
    expect(await deadLetterExport(env.services, job.id, 'MaxDeliveryCountExceeded', silentLogger)).toBe(true);
    expect((await env.services.repo.get(job.id))?.status).toBe('Failed');
    expect(await env.services.blobs.exists(blobNameOf(job))).toBe(false);
  });
});
