import { describe, expect, it } from 'vitest';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { lifecycle, type Transition } from '../../../shared/domain/lifecycle.js';
import { fakeServices } from '../../fakes/fakeServices.js';
import { admin, refusalOf, usersExport } from './webhooks/webhookWorld.js';

describe('cancelExportJob', () => {
  it('a job that has ended cannot be cancelled; the refusal names its status', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, usersExport, world.logger);
    await cancelExportJob(world, admin, job.id);
    expect(await refusalOf(cancelExportJob(world, admin, job.id))).toEqual({
      code: 'JOB_NOT_CANCELLABLE',
      message: 'The job is Cancelled and can no longer be cancelled.',
      details: [],
    });
  });

  it('a job that ended between the read and the cancel is refused with the status it ended in; nothing is audited', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, usersExport, world.logger);
    const at = world.clock.now().toISOString();
    // The queue dead-letters the job just before the cancel is written.
    const repo = {
      ...world.repo,
      apply: async (id: string, transition: Transition) => {
        await world.repo.apply(id, lifecycle.deadLetter({ code: 'DEAD_LETTERED', message: 'gave up' }, at));
        return world.repo.apply(id, transition);
      },
    };
    expect(await refusalOf(cancelExportJob({ ...world, repo }, admin, job.id))).toEqual({
      code: 'JOB_NOT_CANCELLABLE',
      message: 'The job is Failed and can no longer be cancelled.',
      details: [],
    });
    expect((await world.repo.get(job.id))?.status).toBe('Failed');
    expect(world.audit.records.map((r) => r.action)).toEqual(['create']);
  });

  it('a job row removed (by hand, in the database) before the cancel is written is refused as gone', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, usersExport, world.logger);
    let reads = 0;
    const vanishing = {
      ...world,
      repo: {
        ...world.repo,
        apply: async () => false,
        // findVisibleJob reads the row once; it is gone before the cancel is written.
        get: async (id: string) => (reads++ === 0 ? world.repo.get(id) : undefined),
      },
    };
    expect(await refusalOf(cancelExportJob(vanishing, admin, job.id))).toEqual({
      code: 'JOB_NOT_CANCELLABLE',
      message: 'The job is gone and can no longer be cancelled.',
      details: [],
    });
    expect(world.audit.records.map((r) => r.action)).toEqual(['create']);
  });
});
