import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Webhook } from '../../shared/domain/webhooks.js';
import type { NewDelivery, WebhookStore } from '../../shared/ports/webhookStore.js';

export interface WebhookStoreTarget {
  readonly store: WebhookStore;
  cleanup(): Promise<void>;
}

const at = (s: number) => new Date(Date.UTC(2026, 6, 1, 0, 0, s)).toISOString();

/** What every WebhookStore must do: the SQL store and the in-memory fake alike. */
export function webhookStoreContract(name: string, make: () => Promise<WebhookStoreTarget>): void {
  describe(`WebhookStore contract: ${name}`, () => {
    let t: WebhookStoreTarget;
    let store: WebhookStore;
    const org = randomUUID();
    beforeEach(async () => {
      t = await make();
      store = t.store;
    });
    afterEach(async () => t.cleanup());

    const webhook = async (o: Partial<Webhook> = {}): Promise<Webhook> => {
      const w: Webhook = {
        id: randomUUID(),
        organizationId: org,
        url: 'https://hooks.example.com/export',
        description: 'ops',
        secret: `whsec_${randomUUID()}`,
        previousSecret: null,
        previousSecretExpiresAt: null,
        createdBy: 'admin',
        createdAt: at(0),
        secretRotatedAt: null,
        ...o,
      };
      await store.insert(w);
      return w;
    };
    const delivery = (webhookId: string, o: Partial<NewDelivery> = {}): NewDelivery => ({
      id: randomUUID(),
      webhookId,
      organizationId: org,
      eventId: `evt_${randomUUID()}`,
      eventType: 'export_job.completed',
      jobId: randomUUID(),
      payload: '{"id":"evt"}',
      createdAt: at(1),
      ...o,
    });

    it('stores endpoints per organization, rotates a secret keeping the old one, deletes with the log', async () => {
      const a = await webhook();
      const b = await webhook({ createdAt: at(5) });
      await webhook({ organizationId: randomUUID() });
      expect((await store.listByOrganization(org)).map((w) => w.id)).toEqual([a.id, b.id]);
      expect(await store.get(a.id)).toEqual(a);
      expect(await store.rotateSecret(a.id, { secret: 'whsec_new', previousExpiresAt: at(100), at: at(10) })).toBe(true);
      expect(await store.get(a.id)).toMatchObject({
        secret: 'whsec_new',
        previousSecret: a.secret,
        previousSecretExpiresAt: at(100),
        secretRotatedAt: at(10),
      });
      const d = delivery(a.id);
      await store.insertDeliveries([d]);
      expect(await store.delete(a.id)).toBe(true);
      expect(await store.get(a.id)).toBeUndefined();
      expect(await store.getDelivery(d.id)).toBeUndefined();
      expect(await store.delete(a.id)).toBe(false);
      expect(await store.rotateSecret(a.id, { secret: 'x', previousExpiresAt: at(1), at: at(1) })).toBe(false);
    });

    it('records one delivery per endpoint and event, however often the fan-out runs', async () => {
      const w = await webhook();
      const d = delivery(w.id);
      expect(await store.insertDeliveries([d])).toBe(1);
      expect(await store.insertDeliveries([{ ...d, id: randomUUID() }, delivery(w.id)])).toBe(1);
      const stored = await store.getDelivery(d.id);
      expect(stored).toMatchObject({ status: 'Pending', attempt: 0, attempts: [], nextAttemptAt: null, deliveredAt: null });
      expect((await store.listDeliveries(w.id, { limit: 10 })).length).toBe(2);
    });

    it('claims a due delivery once under a lease; only the lease holder records the outcome', async () => {
      const w = await webhook();
      const d = delivery(w.id);
      await store.insertDeliveries([d]);
      expect(await store.claimDelivery(d.id, { now: at(2), leaseToken: 'a', leaseExpiresAt: at(62) })).toBe(true);
      expect(await store.claimDelivery(d.id, { now: at(3), leaseToken: 'b', leaseExpiresAt: at(63) })).toBe(false);
      const attempt = { attempt: 1, at: at(4), statusCode: 500, error: 'HTTP 500', durationMs: 12 };
      expect(await store.recordAttempt(d.id, 'b', { status: 'Pending', attempt, nextAttemptAt: at(30) })).toBe(false);
      expect(await store.recordAttempt(d.id, 'a', { status: 'Pending', attempt, nextAttemptAt: at(30) })).toBe(true);
      expect(await store.getDelivery(d.id)).toMatchObject({
        attempt: 1,
        nextAttemptAt: at(30),
        leaseToken: null,
        attempts: [attempt],
      });
      // Not due before its time; due after.
      expect(await store.claimDelivery(d.id, { now: at(29), leaseToken: 'c', leaseExpiresAt: at(89) })).toBe(false);
      expect(await store.claimDelivery(d.id, { now: at(30), leaseToken: 'c', leaseExpiresAt: at(90) })).toBe(true);
      const ok = { attempt: 2, at: at(31), statusCode: 204, error: null, durationMs: 5 };
      expect(await store.recordAttempt(d.id, 'c', { status: 'Delivered', attempt: ok })).toBe(true);
      expect(await store.getDelivery(d.id)).toMatchObject({ status: 'Delivered', deliveredAt: at(31), attempts: [attempt, ok] });
      expect(await store.claimDelivery(d.id, { now: at(99), leaseToken: 'd', leaseExpiresAt: at(159) })).toBe(false);
    });

    it('finds stalled deliveries (never rung, rung long ago, or a dead lease), pages the log newest first, purges finished ones', async () => {
      const w = await webhook();
      const fresh = delivery(w.id, { createdAt: at(1) });
      const rung = delivery(w.id, { createdAt: at(2) });
      const dead = delivery(w.id, { createdAt: at(3) });
      await store.insertDeliveries([fresh, rung, dead]);
      await store.recordDoorbell(rung.id, at(50));
      await store.claimDelivery(dead.id, { now: at(4), leaseToken: 'x', leaseExpiresAt: at(20) });
      expect((await store.findStalled(at(60), at(40), 10)).map((d) => d.id)).toEqual([fresh.id, dead.id]);
      expect((await store.findStalled(at(60), at(55), 10)).map((d) => d.id)).toEqual([fresh.id, rung.id, dead.id]);
      expect((await store.findStalled(at(60), at(55), 1)).map((d) => d.id)).toEqual([fresh.id]);

      const page1 = await store.listDeliveries(w.id, { limit: 2 });
      expect(page1.map((d) => d.id)).toEqual([dead.id, rung.id]);
      const last = page1[1]!;
      expect(
        (await store.listDeliveries(w.id, { limit: 2, after: { createdAt: last.createdAt, id: last.id } })).map((d) => d.id),
      ).toEqual([fresh.id]);

      await store.claimDelivery(fresh.id, { now: at(61), leaseToken: 'f', leaseExpiresAt: at(121) });
      await store.recordAttempt(fresh.id, 'f', {
        status: 'Failed',
        attempt: { attempt: 1, at: at(62), statusCode: null, error: 'refused', durationMs: 1 },
      });
      // Only finished deliveries are purged.
      expect(await store.purgeBefore(at(100), 10)).toBe(1);
      expect(await store.getDelivery(fresh.id)).toBeUndefined();
      expect(await store.getDelivery(rung.id)).toBeDefined();
    });
  });
}
