import type { Kysely, Selectable } from 'kysely';
import { z } from 'zod';
import type { Database, WebhookDeliveriesTable, WebhooksTable } from './schema.js';
import { toNumber, type SqlFlavor } from './flavor.js';
import { translateSqlError } from './sqlErrors.js';
import { AppError } from '../../domain/errors.js';
import {
  deliveryStatuses,
  jobEventTypes,
  type DeliveryAttempt,
  type Webhook,
  type WebhookDelivery,
} from '../../domain/webhooks.js';
import type { WebhookStore } from '../../ports/webhookStore.js';

const attemptsSchema: z.ZodType<DeliveryAttempt[]> = z.array(
  z.object({
    attempt: z.number().int(),
    at: z.string(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number(),
  }),
);

const toWebhook = (r: Selectable<WebhooksTable>): Webhook => ({
  id: r.id,
  organizationId: r.organization_id,
  url: r.url,
  description: r.description,
  secret: r.secret,
  previousSecret: r.previous_secret,
  previousSecretExpiresAt: r.previous_secret_expires_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  secretRotatedAt: r.secret_rotated_at,
});

function toDelivery(r: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  const status = deliveryStatuses.find((s) => s === r.status);
  const eventType = jobEventTypes.find((t) => t === r.event_type);
  let attempts: DeliveryAttempt[] | undefined;
  try {
    const parsed = attemptsSchema.safeParse(JSON.parse(r.attempts_json ?? '[]'));
    attempts = parsed.success ? parsed.data : undefined;
  } catch {
    attempts = undefined;
  }
  if (!status || !eventType || !attempts) throw new AppError('INTERNAL', 'A stored webhook delivery is unreadable.');
  return {
    id: r.id,
    webhookId: r.webhook_id,
    organizationId: r.organization_id,
    eventId: r.event_id,
    eventType,
    jobId: r.job_id,
    payload: r.payload,
    status,
    attempt: toNumber(r.attempt) ?? 0,
    nextAttemptAt: r.next_attempt_at,
    leaseToken: r.lease_token,
    leaseExpiresAt: r.lease_expires_at,
    enqueuedAt: r.enqueued_at,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    deliveredAt: r.delivered_at,
    attempts,
  };
}

/** A unique index refused the row (SQLite constraint, SQL Server 2601/2627). */
const isUniqueViolation = (e: unknown): boolean => {
  const err = e as { code?: unknown; number?: unknown };
  return err.code === 'SQLITE_CONSTRAINT_UNIQUE' || err.number === 2601 || err.number === 2627;
};

/** Webhook endpoints and deliveries over Kysely: one implementation for SQLite and Azure SQL. */
export function sqlWebhookStore(db: Kysely<Database>, flavor: SqlFlavor): WebhookStore {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));
  return {
    insert: (w) =>
      guard(async () => {
        await db
          .insertInto('webhooks')
          .values({
            id: w.id,
            organization_id: w.organizationId,
            url: w.url,
            description: w.description,
            secret: w.secret,
            previous_secret: w.previousSecret,
            previous_secret_expires_at: w.previousSecretExpiresAt,
            created_by: w.createdBy,
            created_at: w.createdAt,
            secret_rotated_at: w.secretRotatedAt,
          })
          .execute();
      }),

    get: (id) =>
      guard(async () => {
        const row = await db.selectFrom('webhooks').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toWebhook(row) : undefined;
      }),

    listByOrganization: (organizationId) =>
      guard(async () =>
        (
          await db
            .selectFrom('webhooks')
            .selectAll()
            .where('organization_id', '=', organizationId)
            .orderBy('created_at')
            .orderBy('id')
            .execute()
        ).map(toWebhook),
      ),

    rotateSecret: (id, r) =>
      guard(async () => {
        const result = await db
          .updateTable('webhooks')
          .set((eb) => ({
            previous_secret: eb.ref('secret'),
            previous_secret_expires_at: r.previousExpiresAt,
            secret: r.secret,
            secret_rotated_at: r.at,
          }))
          .where('id', '=', id)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    delete: (id) =>
      guard(async () =>
        db.transaction().execute(async (tx) => {
          await tx.deleteFrom('webhook_deliveries').where('webhook_id', '=', id).execute();
          const result = await tx.deleteFrom('webhooks').where('id', '=', id).executeTakeFirst();
          return result.numDeletedRows > 0n;
        }),
      ),

    insertDeliveries: (deliveries) =>
      guard(async () => {
        let inserted = 0;
        for (const d of deliveries) {
          try {
            await db
              .insertInto('webhook_deliveries')
              .values({
                id: d.id,
                webhook_id: d.webhookId,
                organization_id: d.organizationId,
                event_id: d.eventId,
                event_type: d.eventType,
                job_id: d.jobId,
                payload: d.payload,
                status: 'Pending',
                attempt: 0,
                created_at: d.createdAt,
                updated_at: d.createdAt,
                attempts_json: '[]',
              })
              .execute();
            inserted++;
          } catch (e) {
            // The same event for the same endpoint is recorded already (a repeated fan-out).
            if (!isUniqueViolation(e)) throw e;
          }
        }
        return inserted;
      }),

    getDelivery: (id) =>
      guard(async () => {
        const row = await db.selectFrom('webhook_deliveries').selectAll().where('id', '=', id).executeTakeFirst();
        return row ? toDelivery(row) : undefined;
      }),

    listDeliveries: (webhookId, q) =>
      guard(async () => {
        let qb = db.selectFrom('webhook_deliveries').selectAll().where('webhook_id', '=', webhookId);
        const after = q.after;
        if (after) {
          qb = qb.where((eb) =>
            eb.or([
              eb('created_at', '<', after.createdAt),
              eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
            ]),
          );
        }
        const rows = await flavor.page(qb.orderBy('created_at', 'desc').orderBy('id', 'desc'), q.limit).execute();
        return rows.map(toDelivery);
      }),

    claimDelivery: (id, c) =>
      guard(async () => {
        const result = await db
          .updateTable('webhook_deliveries')
          .set((eb) => ({
            attempt: eb('attempt', '+', 1),
            lease_token: c.leaseToken,
            lease_expires_at: c.leaseExpiresAt,
            updated_at: c.now,
          }))
          .where('id', '=', id)
          .where('status', '=', 'Pending')
          .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', c.now)]))
          .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', c.now)]))
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    recordAttempt: (id, leaseToken, o) =>
      guard(async () => {
        const row = await db
          .selectFrom('webhook_deliveries')
          .select('attempts_json')
          .where('id', '=', id)
          .where('lease_token', '=', leaseToken)
          .executeTakeFirst();
        if (!row) return false;
        const attempts = [...(attemptsSchema.safeParse(JSON.parse(row.attempts_json ?? '[]')).data ?? []), o.attempt];
        const result = await db
          .updateTable('webhook_deliveries')
          .set({
            status: o.status,
            attempts_json: JSON.stringify(attempts),
            last_status_code: o.attempt.statusCode,
            last_error: o.attempt.error?.slice(0, 400) ?? null,
            next_attempt_at: o.status === 'Pending' ? (o.nextAttemptAt ?? null) : null,
            delivered_at: o.status === 'Delivered' ? o.attempt.at : null,
            lease_token: null,
            lease_expires_at: null,
            updated_at: o.attempt.at,
          })
          .where('id', '=', id)
          .where('lease_token', '=', leaseToken)
          .executeTakeFirst();
        return result.numUpdatedRows > 0n;
      }),

    recordDoorbell: (id, at) =>
      guard(async () => {
        await db.updateTable('webhook_deliveries').set({ enqueued_at: at }).where('id', '=', id).execute();
      }),

    findStalled: (now, staleBefore, limit) =>
      guard(async () => {
        const qb = db
          .selectFrom('webhook_deliveries')
          .selectAll()
          .where('status', '=', 'Pending')
          .where((eb) =>
            eb.or([
              eb.and([
                eb('lease_token', 'is', null),
                eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now)]),
                eb.or([eb('enqueued_at', 'is', null), eb('enqueued_at', '<=', staleBefore)]),
              ]),
              eb('lease_expires_at', '<', now),
            ]),
          )
          .orderBy('created_at')
          .orderBy('id');
        return (await flavor.page(qb, limit).execute()).map(toDelivery);
      }),

    purgeBefore: (before, limit) =>
      guard(async () => {
        const ids = await flavor
          .page(
            db
              .selectFrom('webhook_deliveries')
              .select('id')
              .where('created_at', '<', before)
              .where('status', '!=', 'Pending')
              .orderBy('created_at'),
            limit,
          )
          .execute();
        if (ids.length === 0) return 0;
        const result = await db
          .deleteFrom('webhook_deliveries')
          .where(
            'id',
            'in',
            ids.map((r) => r.id),
          )
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
