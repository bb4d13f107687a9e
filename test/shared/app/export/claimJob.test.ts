import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { claimJob } from '../../../../shared/app/export/claimJob.js';
import { lifecycle } from '../../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import type { JobRepository } from '../../../../shared/ports/jobRepository.js';
import { fakeServices, ORG_A } from '../../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const march = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };

/** A repository on which `beforeRead` runs once, just before the first read of a job. */
const beforeFirstRead = (repo: JobRepository, beforeRead: (id: string) => Promise<void>): JobRepository => {
  let done = false;
  return {
    ...repo,
    get: async (id) => {
      if (!done) {
        done = true;
        await beforeRead(id);
      }
      return repo.get(id);
    },
  };
};

describe('claimJob', () => {
  it('counts only the rows of the filtered user for the progress total', async () => {
    const world = fakeServices();
    const inMarch = world.fixture.sessions.filter(
      (s) => s.organizationId === ORG_A && s.startedAt >= '2026-03-01' && s.startedAt < '2026-04-01',
    );
    const userId = inMarch[0]?.userId ?? 'none';
    const ofUser = inMarch.filter((s) => s.userId === userId).length;
    expect(ofUser, 'the user has March sessions, and others have too').toBeGreaterThan(0);
    expect(ofUser).toBeLessThan(inMarch.length);
    const job = await createExportJob(world, admin, { ...march, filters: { userId } }, world.logger);
    expect((await claimJob(world, job.id, 'lease-1'))?.rowsTotal).toBe(ofUser);
  });

  it('taken over between the claim and the read (our lease already expired): nothing claimed, the other keeps it', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, march, world.logger);
    const repo = beforeFirstRead(world.repo, async (id) => {
      world.clock.advance(world.policy.leaseSeconds + 1);
      const now = world.clock.now().toISOString();
      expect(await world.repo.apply(id, lifecycle.claim(now, { token: 'other', expiresAt: '2099-01-01T00:00:00.000Z' }))).toBe(
        true,
      );
    });
    expect(await claimJob({ ...world, repo }, job.id, 'lease-1')).toBeUndefined();
    expect(await world.repo.get(job.id)).toMatchObject({ status: 'Processing', leaseToken: 'other', snapshot: null });
  });

  it('a job gone between the claim and the read: nothing claimed', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, march, world.logger);
    const repo: JobRepository = { ...world.repo, get: async () => undefined };
    expect(await claimJob({ ...world, repo }, job.id, 'lease-1')).toBeUndefined();
  });
});
