import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { enqueueNewJob, submitExportJob } from '../../../shared/app/createExportJob.js';
import { submitRetry } from '../../../shared/app/retryExportJob.js';
import type { Services } from '../../../shared/app/services.js';
import { AppError } from '../../../shared/domain/errors.js';
import type { ExportRequest } from '../../../shared/domain/job.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B, type FakeServices } from '../../fakes/fakeServices.js';
import { rejection } from '../../support/appErrors.js';

/*
 * Creating (and re-creating, for a retry) an export job on the fakes: the refusals as the portal
 * shows them, the operations log lines, the stored request hash, and the races and failures of
 * the job store. Oracles: literal messages, props and hashes (`printf '%s' … | sha256sum`).
 */

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
const request: ExportRequest = {
  dataType: 'users',
  format: 'csv',
  dateRange: { from: '2026-01-01', to: '2026-06-30' },
  filters: {},
  compression: 'none',
  csv: { delimiter: ',', includeBom: true },
};

/** A cancelled job of the admin's, ready to be retried. */
async function cancelledJob(world: FakeServices) {
  const { job } = await submitExportJob(world, admin, body, world.logger);
  await cancelExportJob(world, admin, job.id);
  return job;
}

describe('submitExportJob refusals', () => {
  it('a caller without a role: 403 saying so, nothing written', async () => {
    const world = fakeServices();
    const e = await rejection(submitExportJob(world, { ...admin, roles: [] }, body, world.logger));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'Your role may not create exports.']);
    expect(world.repo.jobs.size).toBe(0);
  });

  it('an Admin asking for another organization: 403 saying so, nothing written', async () => {
    const world = fakeServices();
    const e = await rejection(submitExportJob(world, admin, { ...body, filters: { organizationId: ORG_B } }, world.logger));
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'You may only export your own organization.']);
    expect(world.repo.jobs.size).toBe(0);
  });

  it('enqueueNewJob checks the organization itself, whoever calls it', async () => {
    const world = fakeServices();
    const e = await rejection(
      enqueueNewJob(world, admin, { ...request, filters: { organizationId: ORG_B } }, null, world.logger, {
        operation: 'create',
      }),
    );
    expect([e.code, e.message]).toEqual(['FORBIDDEN', 'You may only export your own organization.']);
    expect([world.repo.jobs.size, world.queue.sent.length]).toEqual([0, 0]);
  });
});

describe('what a new job records', () => {
  it('logs export.created with the job, organization, data type and format', async () => {
    const world = fakeServices();
    const { job } = await submitExportJob(world, admin, body, world.logger);
    expect(world.lines).toEqual([
      { level: 'info', msg: 'export.created', props: { jobId: job.id, organizationId: ORG_A, dataType: 'users', format: 'csv' } },
    ]);
  });

  it('logs export.retried, naming the original job, for a retry', async () => {
    const world = fakeServices();
    const original = await cancelledJob(world);
    const lines = world.lines.length;
    const { job } = await submitRetry(world, admin, original.id, world.logger);
    expect(world.lines.slice(lines)).toEqual([
      {
        level: 'info',
        msg: 'export.retried',
        props: { jobId: job.id, organizationId: ORG_A, dataType: 'users', format: 'csv', retryOf: original.id },
      },
    ]);
  });

  it('stores the hash of the "create" operation and its canonical request with the scoped key', async () => {
    const world = fakeServices();
    const { job } = await submitExportJob(world, admin, body, world.logger, { idempotencyKey: 'key-1' });
    // create\n{"compression":"none","csv":{"delimiter":",","includeBom":true},"dataType":"users",
    // "dateRange":{"from":"2026-01-01","to":"2026-06-30"},"filters":{},"format":"csv"}
    expect(job.requestHash).toBe('13bf5a4b551b3d7578550d7c47bc778e998c3100ec8d7f8018298a50d739030a');
  });
});

describe('earlier jobs, races and store failures', () => {
  it('a retry with a fresh key while a retry runs gets the running retry', async () => {
    const world = fakeServices();
    const original = await cancelledJob(world);
    const first = await submitRetry(world, admin, original.id, world.logger, { idempotencyKey: 'retry-1' });
    const second = await submitRetry(world, admin, original.id, world.logger, { idempotencyKey: 'retry-2' });
    expect([second.replayed, second.job.id]).toEqual([true, first.job.id]);
    expect(world.repo.jobs.size).toBe(2);
  });

  /** The fakes, with an insert that lets a competitor with the same key in first, then fails. */
  const failingInsert = (world: FakeServices, failure: unknown): Services => ({
    ...world,
    repo: {
      ...world.repo,
      insert: async (job) => {
        await world.repo.insert({ ...job, id: '00000000-0000-4000-8000-000000000001' });
        throw failure;
      },
    },
  });

  it('a store failure other than DUPLICATE is passed on, even when a job with the key now exists', async () => {
    const world = fakeServices();
    const failure = new AppError('INTERNAL', 'A database operation failed.');
    const services = failingInsert(world, failure);
    await expect(submitExportJob(services, admin, body, world.logger, { idempotencyKey: 'k' })).rejects.toBe(failure);
  });

  it('a foreign error that happens to carry code DUPLICATE is not taken for the store’s refusal', async () => {
    const world = fakeServices();
    const failure = Object.assign(new Error('driver failure'), { code: 'DUPLICATE' });
    const services = failingInsert(world, failure);
    await expect(submitExportJob(services, admin, body, world.logger, { idempotencyKey: 'k' })).rejects.toBe(failure);
  });

  it('a job that vanishes right after its insert is a 500 saying so', async () => {
    const world = fakeServices();
    const services: Services = { ...world, repo: { ...world.repo, get: async () => undefined } };
    const e = await rejection(submitExportJob(services, admin, body, world.logger));
    expect([e.code, e.message]).toEqual(['INTERNAL', 'The job vanished after it was created.']);
  });
});
