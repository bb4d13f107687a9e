import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { findVisibleJob } from '../../../shared/app/findVisibleJob.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B } from '../../fakes/fakeServices.js';
import { admin, refusalOf, usersExport } from './webhooks/webhookWorld.js';

describe('findVisibleJob', () => {
  it('refuses a caller without a role (403) and answers another tenant’s job like a missing one (404)', async () => {
    const world = fakeServices();
    const job = await createExportJob(world, admin, usersExport, world.logger);
    const roleless: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: [] };
    const otherAdmin: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
    expect(await refusalOf(findVisibleJob(world, roleless, job.id))).toEqual({
      code: 'FORBIDDEN',
      message: 'Your token carries no role that may use exports.',
      details: [],
    });
    const notFound = { code: 'NOT_FOUND', message: 'No such export job.', details: [] };
    expect(await refusalOf(findVisibleJob(world, otherAdmin, job.id))).toEqual(notFound);
    expect(await refusalOf(findVisibleJob(world, admin, 'not-a-guid'))).toEqual(notFound);
    expect((await findVisibleJob(world, admin, job.id.toUpperCase())).id).toBe(job.id);
  });
});
