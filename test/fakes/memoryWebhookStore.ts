import type { Webhook, WebhookDelivery } from '../../shared/domain/webhooks.js';
import type { WebhookStore } from '../../shared/ports/webhookStore.js';

/** WebhookStore in memory, for unit tests; passes the same contract suite as the SQL store. */
export function memoryWebhookStore(): WebhookStore & {
  readonly webhooks: ReadonlyMap<string, Webhook>;
  readonly deliveries: ReadonlyMap<string, WebhookDelivery>;
} {
  const webhooks = new Map<string, Webhook>();
  const deliveries = new Map<string, WebhookDelivery>();
  const newestFirst = (a: WebhookDelivery, b: WebhookDelivery) =>
    a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1;
  const due = (d: WebhookDelivery, now: string) => d.nextAttemptAt === null || d.nextAttemptAt <= now;
  return {
    webhooks,
    deliveries,
    async insert(w) {
      webhooks.set(w.id, structuredClone(w));
    },
    async get(id) {
      const w = webhooks.get(id);
      return w ? structuredClone(w) : undefined;
    },
    async listByOrganization(organizationId) {
      return [...webhooks.values()]
        .filter((w) => w.organizationId === organizationId)
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
        .map((w) => structuredClone(w));
    },
    async rotateSecret(id, r) {
      const w = webhooks.get(id);
      if (!w) return false;
      webhooks.set(id, {
        ...w,
        previousSecret: w.secret,
        previousSecretExpiresAt: r.previousExpiresAt,
        secret: r.secret,
        secretRotatedAt: r.at,
      });
      return true;
    },
    async delete(id) {
      for (const [k, d] of deliveries) if (d.webhookId === id) deliveries.delete(k);
      return webhooks.delete(id);
    },
    async insertDeliveries(list) {
      let inserted = 0;
      for (const d of list) {
        if ([...deliveries.values()].some((x) => x.webhookId === d.webhookId && x.eventId === d.eventId)) continue;
        deliveries.set(d.id, {
          ...structuredClone(d),
          status: 'Pending',
          attempt: 0,
          nextAttemptAt: null,
          leaseToken: null,
          leaseExpiresAt: null,
          enqueuedAt: null,
          updatedAt: d.createdAt,
          deliveredAt: null,
          attempts: [],
        });
        inserted++;
      }
      return inserted;
    },
    async getDelivery(id) {
      const d = deliveries.get(id);
      return d ? structuredClone(d) : undefined;
    },
    async listDeliveries(webhookId, q) {
      const after = q.after;
      return [...deliveries.values()]
        .filter(
          (d) =>
            d.webhookId === webhookId &&
            (!after || d.createdAt < after.createdAt || (d.createdAt === after.createdAt && d.id < after.id)),
        )
        .sort(newestFirst)
        .slice(0, q.limit)
        .map((d) => structuredClone(d));
    },
    async claimDelivery(id, c) {
      const d = deliveries.get(id);
      if (!d || d.status !== 'Pending' || !due(d, c.now) || (d.leaseExpiresAt !== null && d.leaseExpiresAt >= c.now))
        return false;
      deliveries.set(id, {
        ...d,
        attempt: d.attempt + 1,
        leaseToken: c.leaseToken,
        leaseExpiresAt: c.leaseExpiresAt,
        updatedAt: c.now,
      });
      return true;
    },
    async recordAttempt(id, leaseToken, o) {
      const d = deliveries.get(id);
      if (!d || d.leaseToken !== leaseToken) return false;
      deliveries.set(id, {
        ...d,
        status: o.status,
        attempts: [...d.attempts, o.attempt],
        nextAttemptAt: o.status === 'Pending' ? (o.nextAttemptAt ?? null) : null,
        deliveredAt: o.status === 'Delivered' ? o.attempt.at : null,
        leaseToken: null,
        leaseExpiresAt: null,
        updatedAt: o.attempt.at,
      });
      return true;
    },
    async recordDoorbell(id, at) {
      const d = deliveries.get(id);
      if (d) deliveries.set(id, { ...d, enqueuedAt: at });
    },
    async findStalled(now, staleBefore, limit) {
      return [...deliveries.values()]
        .filter(
          (d) =>
            d.status === 'Pending' &&
            ((d.leaseToken === null && due(d, now) && (d.enqueuedAt === null || d.enqueuedAt <= staleBefore)) ||
              (d.leaseExpiresAt !== null && d.leaseExpiresAt < now)),
        )
        .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))
        .slice(0, limit)
        .map((d) => structuredClone(d));
    },
    async purgeBefore(before, limit) {
      const old = [...deliveries.values()]
        .filter((d) => d.createdAt < before && d.status !== 'Pending')
        .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
        .slice(0, limit);
      old.forEach((d) => deliveries.delete(d.id));
      return old.length;
    },
  };
}
