import type { ExportJob } from './job.js';

export const roles = ['SuperAdmin', 'Admin', 'Manager'] as const;
export type Role = (typeof roles)[number];

/** The authenticated caller, from a validated token. */
export interface Principal {
  /** User id (`sub`). */
  readonly userId: string;
  /** The caller's organization (`org`). */
  readonly organizationId: string;
  readonly roles: readonly Role[];
}

const has = (p: Principal, r: Role): boolean => p.roles.includes(r);

export const canCreate = (p: Principal): boolean => p.roles.length > 0;

/**
 * May the caller export data of `organizationId`? Their own organization, or any as SuperAdmin.
 */
export const canExportOrganization = (p: Principal, organizationId: string): boolean =>
  organizationId === p.organizationId || has(p, 'SuperAdmin');

/**
 * Can the caller see this job at all? If not, the job must look exactly like a missing one.
 * SuperAdmin: every job. Admin: jobs of their organization. Otherwise: jobs they created in their
 * organization. A job belongs to the organization whose data it exports, so a SuperAdmin's export of
 * another organization is visible to that organization's Admins — and to no other tenant.
 */
export function canSee(p: Principal, job: Pick<ExportJob, 'organizationId' | 'createdBy'>): boolean {
  if (has(p, 'SuperAdmin')) return true;
  if (job.organizationId !== p.organizationId) return false;
  return has(p, 'Admin') || job.createdBy === p.userId;
}

/** Listing scope: Admins and SuperAdmins see their organization's jobs, Managers their own. */
export function listScope(p: Principal): { organizationId: string; createdBy?: string } {
  return has(p, 'Admin') || has(p, 'SuperAdmin')
    ? { organizationId: p.organizationId }
    : { organizationId: p.organizationId, createdBy: p.userId };
}
