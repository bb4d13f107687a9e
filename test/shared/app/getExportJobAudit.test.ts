import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { getExportJobAudit } from '../../../shared/app/getExportJobAudit.js';
import { recordAudit } from '../../../shared/app/recordAudit.js';
import { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A, type FakeServices } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
const body = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-06-30' } };
const origin = { requestId: 'req-1', clientAddress: '203.0.113.5' };

/** A job of the manager with three audit records: its creation (seq 1) and two downloads (2, 3). */
async function auditedJob(world: FakeServices): Promise<string> {
  const job = await createExportJob(world, manager, body, world.logger);
  for (const detail of ['bytes=0-9', 'bytes=10-19']) {
    await recordAudit(world, manager, origin, 'download', { jobId: job.id, organizationId: ORG_A }, detail);
  }
  return job.id;
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a refusal');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(AppError);
      const error = e as AppError;
      return { code: error.code, message: error.message, details: error.options.details };
    },
  );

describe('getExportJobAudit', () => {
  it('pages oldest first: a full page has a cursor, the last page (even an exactly full one) has none', async () => {
    const world = fakeServices();
    const id = await auditedJob(world);
    const first = await getExportJobAudit(world, admin, id, { limit: '2' });
    expect(first.items.map((r) => [r.seq, r.action])).toEqual([
      [1, 'create'],
      [2, 'download'],
    ]);
    expect(first.nextCursor).toBe('2');
    const second = await getExportJobAudit(world, admin, id, { limit: '2', cursor: '2' });
    expect(second.items.map((r) => [r.seq, r.detail])).toEqual([[3, 'bytes=10-19']]);
    expect(second.nextCursor).toBeNull();
    const exact = await getExportJobAudit(world, admin, id, { limit: '3' });
    expect(exact.items.map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(exact.nextCursor, 'three records on a page of three: nothing follows').toBeNull();
  });

  it('a Manager is refused (403, with the reason) whatever the id — even one that does not exist', async () => {
    const world = fakeServices();
    const id = await auditedJob(world);
    const expected = {
      code: 'FORBIDDEN',
      message: 'Only Admins of the organization and SuperAdmins may read an audit trail.',
      details: undefined,
    };
    expect(await refusal(getExportJobAudit(world, manager, id, {}))).toEqual(expected);
    expect(await refusal(getExportJobAudit(world, manager, '00000000-0000-4000-8000-00000000dead', {}))).toEqual(expected);
  });

  it('an invalid query: 400 naming the field', async () => {
    const world = fakeServices();
    const id = await auditedJob(world);
    const refused = await refusal(getExportJobAudit(world, admin, id, { limit: '0' }));
    expect(refused).toMatchObject({ code: 'VALIDATION_FAILED', message: 'The query is invalid.' });
    expect(refused.details?.map((d) => d.field)).toEqual(['limit']);
  });
});
