import type { AuditRecord } from '../../shared/domain/audit.js';
import type { AuditTrail } from '../../shared/ports/auditTrail.js';

/** AuditTrail in memory, for unit tests: append-only, numbered, the same queries as the SQL trail. */
export function memoryAuditTrail(): AuditTrail & { readonly records: readonly AuditRecord[] } {
  const records: AuditRecord[] = [];
  let seq = 0;
  return {
    records,
    async append(entry) {
      records.push({ ...entry, seq: ++seq });
    },
    async forJob(jobId, options) {
      return records
        .filter((r) => r.jobId === jobId && (options.afterSeq === undefined || r.seq > options.afterSeq))
        .slice(0, options.limit)
        .map((r) => ({ ...r }));
    },
    async countRecent(q) {
      const hits = records.filter(
        (r) =>
          r.actorId === q.actorId &&
          r.actorOrganizationId === q.actorOrganizationId &&
          r.at > q.since &&
          q.actions.includes(r.action),
      );
      const oldest = hits.map((r) => r.at).sort()[0];
      return { count: hits.length, oldestAt: oldest ?? null };
    },
    async purgeBefore(before, limit) {
      const due = records.filter((r) => r.at < before).slice(0, limit);
      for (const r of due) records.splice(records.indexOf(r), 1);
      return due.length;
    },
  };
}
