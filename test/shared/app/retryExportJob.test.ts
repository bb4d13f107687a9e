import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { retryExportJob, submitRetry } from '../../../shared/app/retryExportJob.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B, type FakeServices } from '../../fakes/fakeServices.js';
import { admin, refusalOf, usersExport } from './webhooks/webhookWorld.js';

const cancelledJob = async (world: FakeServices, who: Principal = admin, body: object = usersExport) => {
  const job = await createExportJob(world, who, body, world.logger);
  await cancelExportJob(world, who, job.id);
  return job;
};

describe('retryExportJob', () => {
  it('refuses a job that has not ended badly, naming its status and the ones that can be retried', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, usersExport, world.logger);
    expect(await refusalOf(retryExportJob(world, admin, job.id, world.logger))).toEqual({
      code: 'JOB_NOT_RETRYABLE',
      message: 'The job is Pending; only Failed, Cancelled or Expired jobs can be retried.',
      details: [],
    });
  });

  it('the new job repeats the request, pinned to the organization the original exported', async () => {
    const world = fakeServices();
    const original = await cancelledJob(world);
    const retry = await retryExportJob(world, admin, original.id, world.logger);
    expect(retry).toMatchObject({ status: 'Pending', organizationId: ORG_A, retryOf: original.id });
    expect(retry.request).toEqual({
      dataType: 'users',
      format: 'csv',
      dateRange: { from: '2026-03-01', to: '2026-03-31' },
      filters: { organizationId: ORG_A },
      compression: 'none',
      csv: { delimiter: ',', includeBom: true },
    });
  });

  it('an Idempotency-Key names one retry of one job: reused for another job’s retry it is refused', async () => {
    const world = fakeServices();
    const first = await cancelledJob(world);
    const second = await cancelledJob(world); // the very same request
    const key = { idempotencyKey: 'retry-key-1' };
    const retried = await submitRetry(world, admin, first.id, world.logger, key);
    expect(retried.replayed).toBe(false);
    const again = await submitRetry(world, admin, first.id, world.logger, key);
    expect(again).toMatchObject({ replayed: true, job: { id: retried.job.id } });
    expect(await refusalOf(submitRetry(world, admin, second.id, world.logger, key))).toEqual({
      code: 'IDEMPOTENCY_KEY_REUSED',
      message: 'This Idempotency-Key was used with a different request in the last 24 hours; use a new key for a new request.',
      details: [],
    });
  });

  it('a SuperAdmin’s retry of an export of another organization exports that organization again', async () => {
    const world = fakeServices();
    const superAdmin: Principal = { userId: 'root', organizationId: ORG_B, roles: ['SuperAdmin'] };
    const original = await cancelledJob(world, superAdmin, { ...usersExport, filters: { organizationId: ORG_A } });
    const retry = await retryExportJob(world, superAdmin, original.id, world.logger);
    expect(retry.organizationId).toBe(ORG_A);
    expect(retry.request.filters).toEqual({ organizationId: ORG_A });
  });
});
