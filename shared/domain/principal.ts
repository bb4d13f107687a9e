import type { ExportJob } from './job.js';

export const roles = ['SuperAdmin', 'Admin', 'Manager'] as const;
export type Role = (typeof roles)[number];

/** The authenticated caller, from a validated token. */
export interface Principal {
  /** User id (`sub`, or Entra's `oid`). */
  readonly userId: string;
  /** The caller's organization (`org`): a GUID, lowercase. */
  readonly organizationId: string;
  /** The caller's roles that this service knows; others are dropped. */
  readonly roles: readonly Role[];
}

/**
 * Authorization. Every rule is checked at every use (not only when a job is created): a caller
 * whose roles were removed loses access to what they created before.
 *
 * - **SuperAdmin** is a platform operator: may see every job of every organization, export any
 *   organization, read any audit trail. Their list shows their own organization's jobs plus the
 *   jobs they created in other organizations.
 * - **Admin**: everything within their organization.
 * - **Manager**: creates exports of their organization and sees, downloads, cancels and retries
 *   the ones they created.
 * - **No recognised role**: nothing at all, not even their own old jobs: those files hold
 *   organization data their former role granted (403 on every endpoint).
 */
const has = (p: Principal, r: Role): boolean => p.roles.includes(r);

/** Holds at least one role this service knows; without one a caller may do nothing. */
export const hasAnyRole = (p: Principal): boolean => p.roles.length > 0;

export const canCreate = (p: Principal): boolean => hasAnyRole(p);

/**
 * May the caller export data of `organizationId`? Their own organization, or any as SuperAdmin.
 */
export const canExportOrganization = (p: Principal, organizationId: string): boolean =>
  organizationId === p.organizationId || has(p, 'SuperAdmin');

/** Did this caller create the job? A user id counts only together with its organization. */
export const isCreator = (p: Principal, job: Pick<ExportJob, 'createdBy' | 'createdByOrganizationId'>): boolean =>
  job.createdBy === p.userId && job.createdByOrganizationId === p.organizationId;

/**
 * Can the caller see this job at all? If not, the job must look exactly like a missing one.
 * SuperAdmin: every job. Admin: jobs of their organization. Otherwise: jobs they created in their
 * organization. A job belongs to the organization whose data it exports, so a SuperAdmin's export of
 * another organization is visible to that organization's Admins — and to no other tenant.
 */
export function canSee(p: Principal, job: Pick<ExportJob, 'organizationId' | 'createdBy' | 'createdByOrganizationId'>): boolean {
  if (!hasAnyRole(p)) return false;
  if (has(p, 'SuperAdmin')) return true;
  if (job.organizationId !== p.organizationId) return false;
  return has(p, 'Admin') || isCreator(p, job);
}

/** The audit trail of a job: Admins of its organization and SuperAdmins. */
export const canReadAudit = (p: Principal, job: Pick<ExportJob, 'organizationId'>): boolean =>
  has(p, 'SuperAdmin') || (has(p, 'Admin') && job.organizationId === p.organizationId);

/** May read audit trails at all (the role part of `canReadAudit`, checked before looking the job up). */
export const mayReadAudits = (p: Principal): boolean => has(p, 'SuperAdmin') || has(p, 'Admin');

/** The legacy synchronous downloads and the dashboard summary: SuperAdmins and Admins. */
export const canUseLegacyExports = (p: Principal): boolean => has(p, 'SuperAdmin') || has(p, 'Admin');

/** Which jobs a list shows. */
export interface ListScope {
  readonly organizationId: string;
  /** Only jobs this user (of `organizationId`) created. */
  readonly createdBy?: string;
  /** Also the jobs this user of this organization created in other organizations (SuperAdmin). */
  readonly orCreatedBy?: { readonly userId: string; readonly organizationId: string };
}

/**
 * Listing scope: Admins see their organization's jobs, Managers their own; a SuperAdmin their
 * organization's plus the ones they created elsewhere (else those would be invisible to them).
 */
export function listScope(p: Principal): ListScope {
  if (has(p, 'SuperAdmin')) {
    return { organizationId: p.organizationId, orCreatedBy: { userId: p.userId, organizationId: p.organizationId } };
  }
  return has(p, 'Admin') ? { organizationId: p.organizationId } : { organizationId: p.organizationId, createdBy: p.userId };
}

/**
 * Webhook endpoints of the caller's own organization: its Admins (and SuperAdmins, for their own
 * organization). Another organization's endpoint answers like a missing one.
 */
export const canManageWebhooks = (p: Principal): boolean => has(p, 'SuperAdmin') || has(p, 'Admin');
