import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import { toNumber, type SqlFlavor } from './flavor.js';
import { auditActions, type AuditAction, type AuditRecord } from '../../domain/audit.js';
import { AppError } from '../../domain/errors.js';
import type { AuditTrail } from '../../ports/auditTrail.js';
import { translateSqlError } from './sqlErrors.js';

const isAction = (s: string): s is AuditAction => (auditActions as readonly string[]).includes(s);

/** The audit trail in the export database (table `export_audit`): insert, read, and retention deletes only. */
export function sqlAuditTrail(db: Kysely<Database>, flavor: SqlFlavor): AuditTrail {
  const guard = <T>(fn: () => Promise<T>): Promise<T> => fn().catch((e: unknown) => Promise.reject(translateSqlError(e)));
  return {
    append: (e) =>
      guard(async () => {
        await db
          .insertInto('export_audit')
          .values({
            at: e.at,
            action: e.action,
            job_id: e.jobId,
            organization_id: e.organizationId,
            actor_id: e.actorId,
            actor_org: e.actorOrganizationId,
            client_address: e.clientAddress,
            request_id: e.requestId,
            detail: e.detail,
          })
          .execute();
      }),

    forJob: (jobId, options) =>
      guard(async () => {
        let qb = db.selectFrom('export_audit').selectAll().where('job_id', '=', jobId);
        if (options.afterSeq !== undefined) qb = qb.where('seq', '>', options.afterSeq);
        const rows = await flavor.page(qb.orderBy('seq'), options.limit).execute();
        return rows.map((r): AuditRecord => {
          if (!isAction(r.action)) throw new AppError('INTERNAL', 'A stored audit record has an unknown action.');
          return {
            seq: toNumber(r.seq) ?? 0,
            at: r.at,
            action: r.action,
            jobId: r.job_id,
            organizationId: r.organization_id,
            actorId: r.actor_id,
            actorOrganizationId: r.actor_org,
            clientAddress: r.client_address,
            requestId: r.request_id,
            detail: r.detail,
          };
        });
      }),

    countRecent: (q) =>
      guard(async () => {
        const row = await db
          .selectFrom('export_audit')
          .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.min('at').as('oldest')])
          .where('actor_id', '=', q.actorId)
          .where('actor_org', '=', q.actorOrganizationId)
          .where('at', '>', q.since)
          .where('action', 'in', [...q.actions])
          .executeTakeFirstOrThrow();
        return { count: toNumber(row.n) ?? 0, oldestAt: row.oldest ?? null };
      }),

    purgeBefore: (before, limit) =>
      guard(async () => {
        const due = flavor.page(db.selectFrom('export_audit').select('seq').where('at', '<', before).orderBy('seq'), limit);
        const result = await db.deleteFrom('export_audit').where('seq', 'in', due).executeTakeFirst();
        return Number(result.numDeletedRows);
      }),
  };
}
