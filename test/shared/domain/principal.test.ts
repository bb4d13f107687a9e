import { describe, expect, it } from 'vitest';
import {
  canCreate,
  canExportOrganization,
  canManageWebhooks,
  canReadAudit,
  canSee,
  canUseLegacyExports,
  hasAnyRole,
  isCreator,
  listScope,
  mayReadAudits,
  roles,
  type Principal,
  type Role,
} from '../../../shared/domain/principal.js';

/*
 * The authorization rules as a literal decision table: for each kind of caller and each kind of job,
 * the expected answer is written out, not computed.
 */

const ORG = 'org-a';
const OTHER = 'org-b';
const who = (...callerRoles: Role[]): Principal => ({ userId: 'u1', organizationId: ORG, roles: callerRoles });

const ownJob = { organizationId: ORG, createdBy: 'u1', createdByOrganizationId: ORG };
const colleaguesJob = { organizationId: ORG, createdBy: 'u2', createdByOrganizationId: ORG };
// Same user id, but created by a user of another organization: ids count only with their organization.
const namesakesJob = { organizationId: ORG, createdBy: 'u1', createdByOrganizationId: OTHER };
const otherTenantsJob = { organizationId: OTHER, createdBy: 'u9', createdByOrganizationId: OTHER };
const ownJobInOtherTenant = { organizationId: OTHER, createdBy: 'u1', createdByOrganizationId: ORG };

describe('principal rules', () => {
  it('knows exactly three roles', () => {
    expect(roles).toEqual(['SuperAdmin', 'Admin', 'Manager']);
  });

  it.each([
    // caller, own, colleague's, namesake's, other tenant's, own job in another tenant
    ['SuperAdmin', [true, true, true, true, true]],
    ['Admin', [true, true, true, false, false]],
    ['Manager', [true, false, false, false, false]],
    ['no role', [false, false, false, false, false]],
  ] as const)('canSee for %s', (kind, expected) => {
    const p = kind === 'no role' ? who() : who(kind);
    expect([ownJob, colleaguesJob, namesakesJob, otherTenantsJob, ownJobInOtherTenant].map((j) => canSee(p, j))).toEqual(
      expected,
    );
  });

  it('isCreator needs both the user id and its organization', () => {
    expect(isCreator(who('Manager'), ownJob)).toBe(true);
    expect(isCreator(who('Manager'), colleaguesJob)).toBe(false);
    expect(isCreator(who('Manager'), namesakesJob)).toBe(false);
  });

  it.each([
    ['SuperAdmin', { any: true, create: true, ownOrg: true, otherOrg: true, audits: true, legacy: true, webhooks: true }],
    ['Admin', { any: true, create: true, ownOrg: true, otherOrg: false, audits: true, legacy: true, webhooks: true }],
    ['Manager', { any: true, create: true, ownOrg: true, otherOrg: false, audits: false, legacy: false, webhooks: false }],
    ['no role', { any: false, create: false, ownOrg: true, otherOrg: false, audits: false, legacy: false, webhooks: false }],
  ] as const)('role-only rules for %s', (kind, expected) => {
    const p = kind === 'no role' ? who() : who(kind);
    expect({
      any: hasAnyRole(p),
      create: canCreate(p),
      ownOrg: canExportOrganization(p, ORG),
      otherOrg: canExportOrganization(p, OTHER),
      audits: mayReadAudits(p),
      legacy: canUseLegacyExports(p),
      webhooks: canManageWebhooks(p),
    }).toEqual(expected);
  });

  it('canReadAudit: SuperAdmins everywhere, Admins in their organization, nobody else', () => {
    expect([canReadAudit(who('SuperAdmin'), ownJob), canReadAudit(who('SuperAdmin'), otherTenantsJob)]).toEqual([true, true]);
    expect([canReadAudit(who('Admin'), ownJob), canReadAudit(who('Admin'), otherTenantsJob)]).toEqual([true, false]);
    expect([canReadAudit(who('Manager'), ownJob), canReadAudit(who(), ownJob)]).toEqual([false, false]);
  });

  it('listScope: SuperAdmin own org plus own jobs elsewhere, Admin the org, Manager own jobs', () => {
    expect(listScope(who('SuperAdmin'))).toEqual({ organizationId: ORG, orCreatedBy: { userId: 'u1', organizationId: ORG } });
    expect(listScope(who('Admin', 'SuperAdmin'))).toEqual({
      organizationId: ORG,
      orCreatedBy: { userId: 'u1', organizationId: ORG },
    });
    expect(listScope(who('Admin'))).toEqual({ organizationId: ORG });
    expect(listScope(who('Manager', 'Admin'))).toEqual({ organizationId: ORG });
    expect(listScope(who('Manager'))).toEqual({ organizationId: ORG, createdBy: 'u1' });
  });
});
