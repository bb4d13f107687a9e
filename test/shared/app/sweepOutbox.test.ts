import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { sweepOutbox } from '../../../shared/app/sweepOutbox.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };

describe('sweepOutbox', () => {
  it('logs how many doorbells it re-sent', async () => {
    const world = fakeServices({ policy: { resendAfterSeconds: 60 } });
    const first = await createExportJob(world, admin, body, world.logger);
    const second = await createExportJob(world, admin, body, world.logger);
    world.queue.sent.length = 0;
    world.lines.length = 0;
    world.clock.advance(61);
    expect(await sweepOutbox(world, world.logger)).toBe(2);
    expect(world.queue.sent.map((s) => s.message)).toEqual([
      { jobId: first.id, attempt: 1 },
      { jobId: second.id, attempt: 1 },
    ]);
    expect(world.lines).toEqual([{ level: 'info', msg: 'sweep.resent', props: { count: 2 } }]);
  });

  it('logs nothing when nothing was due', async () => {
    const world = fakeServices({ policy: { resendAfterSeconds: 60 } });
    await createExportJob(world, admin, body, world.logger);
    world.queue.sent.length = 0;
    world.lines.length = 0;
    world.clock.advance(59);
    expect(await sweepOutbox(world, world.logger)).toBe(0);
    expect(world.lines).toEqual([]);
  });

  it('logs nothing when every due doorbell failed to send (only the failures)', async () => {
    const world = fakeServices({ policy: { resendAfterSeconds: 60 } });
    const job = await createExportJob(world, admin, body, world.logger);
    world.lines.length = 0;
    world.clock.advance(61);
    await world.queue.close();
    expect(await sweepOutbox(world, world.logger)).toBe(0);
    expect(world.lines).toEqual([
      { level: 'warn', msg: 'queue.send failed; the sweeper will re-send', props: { jobId: job.id, error: 'Error' } },
    ]);
  });
});
