import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { listExportJobs } from '../../../shared/app/listExportJobs.js';
import { fakeServices } from '../../fakes/fakeServices.js';
import { admin, refusalOf, usersExport } from './webhooks/webhookWorld.js';

describe('listExportJobs', () => {
  it('a page exactly as long as what is left has no next page', async () => {
    const world = fakeServices();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await createExportJob(world, admin, usersExport, world.logger)).id);
      world.clock.advance(1);
    }
    const all = await listExportJobs(world, admin, { limit: '3' });
    expect(all.items.map((j) => j.id)).toEqual(ids.reverse());
    expect(all.nextCursor).toBeNull();
    const first = await listExportJobs(world, admin, { limit: '2' });
    expect(first.items.map((j) => j.id)).toEqual(ids.slice(0, 2));
    const rest = await listExportJobs(world, admin, { limit: '2', cursor: first.nextCursor ?? '' });
    expect(rest).toEqual({ items: [expect.objectContaining({ id: ids[2] })], nextCursor: null });
  });

  it('an invalid query is refused naming every offending parameter', async () => {
    const world = fakeServices();
    expect(await refusalOf(listExportJobs(world, admin, { status: 'Done', limit: '0' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The query is invalid.',
      details: [
        {
          field: 'status',
          message: 'Invalid option: expected one of "Pending"|"Processing"|"Completed"|"Failed"|"Cancelled"|"Expired"',
        },
        { field: 'limit', message: 'Too small: expected number to be >=1' },
      ],
    });
  });
});
