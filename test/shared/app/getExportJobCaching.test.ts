import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { getExportJob } from '../../../shared/app/getExportJob.js';
import { getExportJobAudit } from '../../../shared/app/getExportJobAudit.js';
import { processExport } from '../../../shared/app/processExport.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
const origin = { requestId: 'req-1', clientAddress: '203.0.113.5' };

async function completed(world: FakeServices) {
  const job = await createExportJob(world, manager, body, world.logger);
  await processExport(world, { jobId: job.id, attempt: 1 }, world.logger);
  return job.id;
}
const sasRecords = async (world: FakeServices, id: string) =>
  (await getExportJobAudit(world, admin, id, {})).items.filter((r) => r.action === 'sas-url');
const expiryOf = (url: string) => Date.parse(new URL(url).searchParams.get('se')!);

describe('job GET: a download URL is handed out once per caller and recorded once', () => {
  it('a caller polling gets the same URL back for a third of its lifetime, recorded once; then a new one, recorded', async () => {
    const world = fakeServices({ policy: { sasTtlMinutes: 15 } });
    const id = await completed(world);
    const first = (await getExportJob(world, manager, id, origin)).downloadUrl!;
    for (let poll = 0; poll < 5; poll++) {
      world.clock.advance(59);
      const again = (await getExportJob(world, manager, id, { ...origin, requestId: `req-${poll}` })).downloadUrl!;
      expect(again).toBe(first);
      // Every URL handed out is still valid for at least two thirds of the SAS lifetime.
      expect(expiryOf(again) - world.clock.now().getTime()).toBeGreaterThanOrEqual(10 * 60_000);
    }
    expect(await sasRecords(world, id)).toHaveLength(1);
    expect((await sasRecords(world, id))[0]).toMatchObject({ actorId: 'manager-a', ...origin });
    world.clock.advance(5 * 60 - 5 * 59);
    const next = (await getExportJob(world, manager, id, origin)).downloadUrl!;
    expect(next).not.toBe(first);
    expect(await sasRecords(world, id)).toHaveLength(2);
    expect(world.blobs.fetchUrl(next).status).toBe(200);
  });

  it('another user, or the same user from another address, gets a URL minted and recorded for them', async () => {
    const world = fakeServices();
    const id = await completed(world);
    await getExportJob(world, manager, id, origin);
    await getExportJob(world, admin, id, origin);
    await getExportJob(world, manager, id, { requestId: 'req-2', clientAddress: '198.51.100.7' });
    await getExportJob(world, manager, id, origin);
    expect((await sasRecords(world, id)).map((r) => [r.actorId, r.clientAddress])).toEqual([
      ['manager-a', '203.0.113.5'],
      ['admin-a', '203.0.113.5'],
      ['manager-a', '198.51.100.7'],
    ]);
  });

  it('visibility is checked on every GET, before anything is reused: a caller who lost their role gets no URL', async () => {
    const world = fakeServices();
    const id = await completed(world);
    expect((await getExportJob(world, manager, id, origin)).downloadUrl).not.toBeNull();
    const demoted = { ...manager, roles: [] };
    await expect(getExportJob(world, demoted, id, origin)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const otherManager = { ...manager, userId: 'manager-b' };
    await expect(getExportJob(world, otherManager, id, origin)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('close to the file’s expiry no URL is reused: each GET mints its own, never valid past the file', async () => {
    const world = fakeServices({ policy: { sasTtlMinutes: 15, fileTtlHours: 24 } });
    const id = await completed(world);
    world.clock.advance(24 * 3600 - 9 * 60);
    const first = (await getExportJob(world, manager, id, origin)).downloadUrl!;
    world.clock.advance(1);
    const second = (await getExportJob(world, manager, id, origin)).downloadUrl!;
    expect(await sasRecords(world, id)).toHaveLength(2);
    const expiresAt = Date.parse((await world.repo.get(id))!.expiresAt!);
    expect(expiryOf(first)).toBe(expiresAt);
    expect(expiryOf(second)).toBe(expiresAt);
  });

  it('a file check vouches for FILE_CHECK_VALID_MS: one metadata request per job per window, whoever asks', async () => {
    const world = fakeServices();
    const id = await completed(world);
    let checks = 0;
    const counting = { ...world, blobs: { ...world.blobs, sizeOf: (name: string) => (checks++, world.blobs.sizeOf(name)) } };
    for (let i = 0; i < 4; i++) await getExportJob(counting, i % 2 ? admin : manager, id, origin);
    expect(checks).toBe(1);
    counting.clock.advance(10);
    await getExportJob(counting, manager, id, origin);
    expect(checks).toBe(2);
  });
});
