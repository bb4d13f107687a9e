import { describe, expect, it } from 'vitest';
import { purgeAuditTrail } from '../../../shared/app/purgeAuditTrail.js';
import type { AuditEntry } from '../../../shared/domain/audit.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

/** An audit record written at `at` (the retention of the fake world is 365 days; its clock starts 2026-07-01). */
const entry = (at: string): AuditEntry => ({
  at,
  action: 'download',
  jobId: 'job-1',
  organizationId: ORG_A,
  actorId: 'admin-a',
  actorOrganizationId: ORG_A,
  clientAddress: null,
  requestId: null,
  detail: null,
});

async function worldWith(oldRecords: number, recentRecords = 1): Promise<FakeServices> {
  const world = fakeServices();
  for (let i = 0; i < oldRecords; i++) await world.audit.append(entry('2025-06-30T23:59:59.000Z'));
  for (let i = 0; i < recentRecords; i++) await world.audit.append(entry('2025-07-01T00:00:00.000Z'));
  return world;
}

describe('purgeAuditTrail', () => {
  it('deletes every record older than the retention, batch after batch, and logs how many', async () => {
    const world = await worldWith(5);
    expect(await purgeAuditTrail(world, world.logger, 2)).toBe(5);
    expect(world.audit.records.map((r) => r.at)).toEqual(['2025-07-01T00:00:00.000Z']);
    expect(world.lines).toEqual([{ level: 'info', msg: 'audit.purged', props: { count: 5 } }]);
  });

  it('goes on after a batch that was exactly full (the next one finds nothing)', async () => {
    const world = await worldWith(4);
    expect(await purgeAuditTrail(world, world.logger, 2)).toBe(4);
    expect(world.audit.records).toHaveLength(1);
    expect(world.lines).toEqual([{ level: 'info', msg: 'audit.purged', props: { count: 4 } }]);
  });

  it('logs nothing when nothing was old enough', async () => {
    const world = await worldWith(0, 3);
    expect(await purgeAuditTrail(world, world.logger)).toBe(0);
    expect(world.audit.records).toHaveLength(3);
    expect(world.lines).toEqual([]);
  });
});
