import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../shared/domain/audit.js';
import { addSeconds } from '../../shared/domain/dates.js';
import type { AuditTrail } from '../../shared/ports/auditTrail.js';

export interface AuditTrailTarget {
  readonly audit: AuditTrail;
  cleanup(): Promise<void>;
}

const T0 = '2026-07-01T00:00:00.000Z';
const at = (seconds: number): string => addSeconds(T0, seconds);

/**
 * The AuditTrail contract: append-only, a job's trail in order and paged, recent actions of one
 * user counted (the rate limit), old records purged by age only. Ids are fresh per test.
 */
export function auditTrailContract(name: string, open: () => Promise<AuditTrailTarget>): void {
  describe(`AuditTrail contract — ${name}`, () => {
    let target: AuditTrailTarget;
    let audit: AuditTrail;
    let job: string;
    let actor: string;
    const org = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';

    beforeEach(async () => {
      target = await open();
      audit = target.audit;
      job = randomUUID();
      actor = `user-${randomUUID()}`;
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const entry = (o: Partial<AuditEntry> = {}): AuditEntry => ({
      at: T0,
      action: 'create',
      jobId: job,
      organizationId: org,
      actorId: actor,
      actorOrganizationId: org,
      clientAddress: '203.0.113.7',
      requestId: 'req-1',
      detail: null,
      ...o,
    });

    it('keeps every field and returns a job’s trail oldest first, paged by seq', async () => {
      await audit.append(entry({ detail: 'Åsa: første' }));
      await audit.append(entry({ at: at(1), action: 'sas-url', clientAddress: null, requestId: null }));
      await audit.append(entry({ at: at(2), action: 'download', detail: 'bytes=0-99' }));
      await audit.append(entry({ jobId: randomUUID(), action: 'cancel' }));
      const all = await audit.forJob(job, { limit: 10 });
      expect(all.map((r) => r.action)).toEqual(['create', 'sas-url', 'download']);
      expect(all[0]).toMatchObject({ ...entry({ detail: 'Åsa: første' }) });
      expect(all[1]).toMatchObject({ clientAddress: null, requestId: null });
      expect(all.map((r) => r.seq)).toEqual([...all.map((r) => r.seq)].sort((a, b) => a - b));
      const first = await audit.forJob(job, { limit: 2 });
      const rest = await audit.forJob(job, { limit: 2, afterSeq: first.at(-1)!.seq });
      expect([...first, ...rest].map((r) => r.action)).toEqual(['create', 'sas-url', 'download']);
    });

    it('counts one user’s recent actions of the given kinds and says when the oldest was', async () => {
      await audit.append(entry({ at: at(10) }));
      await audit.append(entry({ at: at(20), action: 'retry' }));
      await audit.append(entry({ at: at(30), action: 'download' }));
      await audit.append(entry({ at: at(40), actorOrganizationId: randomUUID() }));
      const q = { actorId: actor, actorOrganizationId: org, actions: ['create', 'retry'] as const };
      expect(await audit.countRecent({ ...q, since: at(0) })).toEqual({ count: 2, oldestAt: at(10) });
      expect(await audit.countRecent({ ...q, since: at(15) })).toEqual({ count: 1, oldestAt: at(20) });
      expect(await audit.countRecent({ ...q, since: at(50) })).toEqual({ count: 0, oldestAt: null });
    });

    it('purges only records older than the cutoff, at most `limit` at a time', async () => {
      const old = '2000-01-01T00:00:00.000Z';
      for (let i = 0; i < 3; i++) await audit.append(entry({ at: old }));
      await audit.append(entry({ at: at(1) }));
      expect(await audit.purgeBefore('2000-01-02T00:00:00.000Z', 2)).toBe(2);
      expect(await audit.purgeBefore('2000-01-02T00:00:00.000Z', 2)).toBeGreaterThanOrEqual(1);
      expect((await audit.forJob(job, { limit: 10 })).map((r) => r.at)).toEqual([at(1)]);
    });
  });
}
