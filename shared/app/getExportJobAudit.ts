import { z } from 'zod';
import type { AuditRecord } from '../domain/audit.js';
import { AppError } from '../domain/errors.js';
import { MAX_PAGE_SIZE } from '../domain/limits.js';
import { canReadAudit, mayReadAudits, type Principal } from '../domain/principal.js';
import { toDetails } from './exportRequest.js';
import { findVisibleJob } from './findVisibleJob.js';
import type { Services } from './services.js';

/** The query of `GET /api/export-jobs/{id}/audit`. */
export const auditQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(MAX_PAGE_SIZE)
    .meta({ description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/)
    .optional()
    .meta({ description: 'The `nextCursor` of the previous page.' }),
});

/**
 * A job's audit trail, oldest first: for Admins of the job's organization and SuperAdmins. Any
 * other role gets 403 whatever the id; an Admin gets 404 for a job they cannot see (as everywhere).
 */
export async function getExportJobAudit(
  services: Pick<Services, 'repo' | 'audit'>,
  principal: Principal,
  id: string,
  query: Readonly<Record<string, string>>,
): Promise<{ items: AuditRecord[]; nextCursor: string | null }> {
  const forbidden = () => new AppError('FORBIDDEN', 'Only Admins of the organization and SuperAdmins may read an audit trail.');
  if (!mayReadAudits(principal)) throw forbidden();
  const job = await findVisibleJob(services, principal, id);
  // Stryker disable next-line ConditionalExpression: equivalent — findVisibleJob shows an Admin only their organization's jobs and mayReadAudits let only Admins and SuperAdmins through, so canReadAudit holds here (defence in depth)
  if (!canReadAudit(principal, job)) throw forbidden();
  const parsed = auditQuerySchema.safeParse(query);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The query is invalid.', { details: toDetails(parsed.error) });
  const { limit, cursor } = parsed.data;
  const rows = await services.audit.forJob(job.id, { limit: limit + 1, ...(cursor ? { afterSeq: Number(cursor) } : {}) });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}
