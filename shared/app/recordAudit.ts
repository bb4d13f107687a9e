import type { AuditAction, RequestOrigin } from '../domain/audit.js';
import type { Principal } from '../domain/principal.js';
import type { Services } from './services.js';

/**
 * Appends one record to the audit trail: who (the principal), when, what, which job and
 * organization, from where (the request's origin). Reads are recorded before the data leaves;
 * changes after they happened. A failure propagates: an action that cannot be audited is answered
 * with an error (503 when the database is down) rather than silently unrecorded.
 */
export async function recordAudit(
  services: Pick<Services, 'audit' | 'clock'>,
  principal: Principal,
  origin: RequestOrigin,
  action: AuditAction,
  subject: { readonly jobId: string | null; readonly organizationId: string },
  detail: string | null = null,
): Promise<void> {
  await services.audit.append({
    at: services.clock.now().toISOString(),
    action,
    jobId: subject.jobId,
    organizationId: subject.organizationId,
    actorId: principal.userId,
    actorOrganizationId: principal.organizationId,
    clientAddress: origin.clientAddress,
    requestId: origin.requestId,
    detail: detail === null ? null : detail.slice(0, 400),
  });
}
