// @ts-nocheck
function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
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
const has = stryMutAct_9fa48("377") ? () => undefined : (stryCov_9fa48("377"), (() => {
  const has = (p: Principal, r: Role): boolean => p.roles.includes(r);
  return has;
})());
export const canCreate = stryMutAct_9fa48("378") ? () => undefined : (stryCov_9fa48("378"), (() => {
  const canCreate = (p: Principal): boolean => stryMutAct_9fa48("382") ? p.roles.length <= 0 : stryMutAct_9fa48("381") ? p.roles.length >= 0 : stryMutAct_9fa48("380") ? false : stryMutAct_9fa48("379") ? true : (stryCov_9fa48("379", "380", "381", "382"), p.roles.length > 0);
  return canCreate;
})());

/**
 * May the caller export data of `organizationId`? Their own organization, or any as SuperAdmin.
 */
export const canExportOrganization = stryMutAct_9fa48("383") ? () => undefined : (stryCov_9fa48("383"), (() => {
  const canExportOrganization = (p: Principal, organizationId: string): boolean => stryMutAct_9fa48("386") ? organizationId === p.organizationId && has(p, 'SuperAdmin') : stryMutAct_9fa48("385") ? false : stryMutAct_9fa48("384") ? true : (stryCov_9fa48("384", "385", "386"), (stryMutAct_9fa48("388") ? organizationId !== p.organizationId : stryMutAct_9fa48("387") ? false : (stryCov_9fa48("387", "388"), organizationId === p.organizationId)) || has(p, stryMutAct_9fa48("389") ? "" : (stryCov_9fa48("389"), 'SuperAdmin')));
  return canExportOrganization;
})());

/**
 * Can the caller see this job at all? If not, the job must look exactly like a missing one.
 * SuperAdmin: every job. Admin: jobs of their organization. Otherwise: jobs they created in their
 * organization. A job belongs to the organization whose data it exports, so a SuperAdmin's export of
 * another organization is visible to that organization's Admins — and to no other tenant.
 */
export function canSee(p: Principal, job: Pick<ExportJob, 'organizationId' | 'createdBy'>): boolean {
  if (stryMutAct_9fa48("390")) {
    {}
  } else {
    stryCov_9fa48("390");
    if (stryMutAct_9fa48("392") ? false : stryMutAct_9fa48("391") ? true : (stryCov_9fa48("391", "392"), has(p, stryMutAct_9fa48("393") ? "" : (stryCov_9fa48("393"), 'SuperAdmin')))) return stryMutAct_9fa48("394") ? false : (stryCov_9fa48("394"), true);
    if (stryMutAct_9fa48("397") ? job.organizationId === p.organizationId : stryMutAct_9fa48("396") ? false : stryMutAct_9fa48("395") ? true : (stryCov_9fa48("395", "396", "397"), job.organizationId !== p.organizationId)) return stryMutAct_9fa48("398") ? true : (stryCov_9fa48("398"), false);
    return stryMutAct_9fa48("401") ? has(p, 'Admin') && job.createdBy === p.userId : stryMutAct_9fa48("400") ? false : stryMutAct_9fa48("399") ? true : (stryCov_9fa48("399", "400", "401"), has(p, stryMutAct_9fa48("402") ? "" : (stryCov_9fa48("402"), 'Admin')) || (stryMutAct_9fa48("404") ? job.createdBy !== p.userId : stryMutAct_9fa48("403") ? false : (stryCov_9fa48("403", "404"), job.createdBy === p.userId)));
  }
}

/** Listing scope: Admins and SuperAdmins see their organization's jobs, Managers their own. */
export function listScope(p: Principal): {
  organizationId: string;
  createdBy?: string;
} {
  if (stryMutAct_9fa48("405")) {
    {}
  } else {
    stryCov_9fa48("405");
    return (stryMutAct_9fa48("408") ? has(p, 'Admin') && has(p, 'SuperAdmin') : stryMutAct_9fa48("407") ? false : stryMutAct_9fa48("406") ? true : (stryCov_9fa48("406", "407", "408"), has(p, stryMutAct_9fa48("409") ? "" : (stryCov_9fa48("409"), 'Admin')) || has(p, stryMutAct_9fa48("410") ? "" : (stryCov_9fa48("410"), 'SuperAdmin')))) ? stryMutAct_9fa48("411") ? {} : (stryCov_9fa48("411"), {
      organizationId: p.organizationId
    }) : stryMutAct_9fa48("412") ? {} : (stryCov_9fa48("412"), {
      organizationId: p.organizationId,
      createdBy: p.userId
    });
  }
}