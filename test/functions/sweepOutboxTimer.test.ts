/**
 * The app's one timer (functions/sweepOutbox.ts): one run re-sends every lost doorbell (in rounds, past
 * one batch) and purges expired files; a step that fails does not stop the other, and the run fails.
 */
import { InvocationContext, type Timer } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { sweepOutboxFunction } from '../../functions/sweepOutbox.js';
import { createExportJob } from '../../shared/app/createExportJob.js';
import { processExport } from '../../shared/app/processExport.js';
import type { Services } from '../../shared/app/services.js';
import type { Principal } from '../../shared/domain/principal.js';
import type { JobRepository } from '../../shared/ports/jobRepository.js';
import { fakeServices, ORG_A, type FakeServices } from '../fakes/fakeServices.js';

const admin: Principal = { userId: 'alice', organizationId: ORG_A, roles: ['Admin'] };
const body = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-31' } };
const timer: Timer = {
  isPastDue: false,
  schedule: { adjustForDST: false },
  scheduleStatus: { last: '', next: '', lastUpdated: '' },
};
const logs: string[] = [];
const context = () => new InvocationContext({ logHandler: (level, ...args) => void logs.push(`${level} ${args.join(' ')}`) });
const run = (services: Services) => sweepOutboxFunction.handler(timer, context(), async () => services);

/** A job whose file expired, and `lost` Pending jobs whose doorbells never reached the queue. */
async function world(lost: number): Promise<{ world: FakeServices; expired: string }> {
  const w = fakeServices({ policy: { resendAfterSeconds: 60 } });
  const done = await createExportJob(w, admin, body, w.logger);
  await processExport(w, { jobId: done.id, attempt: 1 }, w.logger);
  for (let i = 0; i < lost; i++) await createExportJob(w, admin, body, w.logger);
  w.queue.sent.length = 0;
  w.clock.advance(24 * 3600 + 1);
  return { world: w, expired: done.id };
}

describe('the sweepOutbox timer (sweep + purge, one scale group)', () => {
  it('runs on EXPORT_PURGE_SCHEDULE', () => {
    expect(sweepOutboxFunction.schedule).toBe('%EXPORT_PURGE_SCHEDULE%');
  });

  it('re-sends every lost doorbell in one run, past one batch of 100, and purges the expired file', async () => {
    const { world: w, expired } = await world(250);
    await run(w);
    expect(new Set(w.queue.sent.map((s) => s.message.jobId)).size).toBe(250);
    expect((await w.repo.get(expired))?.status).toBe('Expired');
    // A second run right after finds nothing to re-send.
    w.queue.sent.length = 0;
    await run(w);
    expect(w.queue.sent).toEqual([]);
  });

  it('still purges when the sweep fails, and fails the run so the failure is seen', async () => {
    const { world: w, expired } = await world(3);
    const repo: JobRepository = {
      ...w.repo,
      find: (where, options) =>
        options.orderBy === 'createdAt' ? Promise.reject(new Error('database gone')) : w.repo.find(where, options),
    };
    logs.length = 0;
    await expect(run({ ...w, repo })).rejects.toThrow('database gone');
    expect((await w.repo.get(expired))?.status).toBe('Expired');
    expect(logs.some((l) => l.startsWith('error timer.step failed') && l.includes('"step":"sweep"'))).toBe(true);
  });
});
