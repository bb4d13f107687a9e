import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { findWebhook } from '../../../../shared/app/webhooks/findWebhook.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import { fakeServices, ORG_A, ORG_B } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT, refusalOf } from './webhookWorld.js';

describe('findWebhook', () => {
  it('refuses a caller who is not an Admin, and answers another organization’s endpoint like a missing one', async () => {
    const world = fakeServices();
    const webhook = await createWebhook(world, admin, { url: ENDPOINT });
    const manager: Principal = { userId: 'manager-a', organizationId: ORG_A, roles: ['Manager'] };
    const otherAdmin: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
    expect(await refusalOf(findWebhook(world, manager, webhook.id))).toEqual({
      code: 'FORBIDDEN',
      message: 'Only Admins manage webhook endpoints.',
      details: [],
    });
    const notFound = { code: 'NOT_FOUND', message: 'No such webhook endpoint.', details: [] };
    expect(await refusalOf(findWebhook(world, otherAdmin, webhook.id))).toEqual(notFound);
    expect(await refusalOf(findWebhook(world, admin, 'not-a-guid'))).toEqual(notFound);
    expect(await findWebhook(world, admin, webhook.id.toUpperCase())).toEqual(webhook);
  });
});
