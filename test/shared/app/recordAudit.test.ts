import { describe, expect, it } from 'vitest';
import { recordAudit } from '../../../shared/app/recordAudit.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const origin = { requestId: 'req-1', clientAddress: '203.0.113.5' };
const jobId = '00000000-0000-4000-8000-000000000001';

describe('recordAudit', () => {
  it('records who, when, what and from where; a detail is kept to its first 400 characters', async () => {
    const world = fakeServices();
    const detail = `${'a'.repeat(399)}bc`;
    await recordAudit(world, admin, origin, 'download', { jobId, organizationId: ORG_A }, detail);
    await recordAudit(world, admin, origin, 'download', { jobId, organizationId: ORG_A }, 'bytes=0-99');
    expect(world.audit.records).toEqual([
      {
        seq: 1,
        at: '2026-07-01T00:00:00.000Z',
        action: 'download',
        jobId,
        organizationId: ORG_A,
        actorId: 'admin-a',
        actorOrganizationId: ORG_A,
        clientAddress: '203.0.113.5',
        requestId: 'req-1',
        detail: `${'a'.repeat(399)}b`,
      },
      expect.objectContaining({ seq: 2, detail: 'bytes=0-99' }),
    ]);
  });
});
