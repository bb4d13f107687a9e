import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { fakeServices, testPolicy } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT, refusalOf } from './webhookWorld.js';

describe('createWebhook: refusals the portal shows', () => {
  it('a body that is not a webhook names each offending field', async () => {
    const world = fakeServices();
    expect(await refusalOf(createWebhook(world, admin, { url: ENDPOINT, extra: 1 }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The webhook is invalid.',
      details: [{ field: '(body)', message: 'Unrecognized key: "extra"' }],
    });
    expect(await refusalOf(createWebhook(world, admin, {}))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The webhook is invalid.',
      details: [{ field: 'url', message: 'Invalid input: expected string, received undefined' }],
    });
    expect(world.webhooks.webhooks.size).toBe(0);
  });

  it('an unacceptable URL says what is wrong with it, in the message and on the url field', async () => {
    const world = fakeServices();
    expect(await refusalOf(createWebhook(world, admin, { url: 'http://hooks.example.com/x' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The webhook URL must use https.',
      details: [{ field: 'url', message: 'must use https' }],
    });
    expect(await refusalOf(createWebhook(world, admin, { url: 'https://10.0.0.5/x' }))).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The webhook URL must not point at a private, link-local or reserved address.',
      details: [{ field: 'url', message: 'must not point at a private, link-local or reserved address' }],
    });
    expect(world.webhooks.webhooks.size).toBe(0);
  });

  it('one endpoint more than the limit is refused, naming the limit', async () => {
    const world = fakeServices({ policy: { webhooks: { ...testPolicy.webhooks, maxPerOrganization: 2 } } });
    await createWebhook(world, admin, { url: ENDPOINT });
    await createWebhook(world, admin, { url: ENDPOINT });
    expect(await refusalOf(createWebhook(world, admin, { url: ENDPOINT }))).toEqual({
      code: 'WEBHOOK_LIMIT_REACHED',
      message: 'An organization may register at most 2 webhook endpoints; remove one first.',
      details: [],
    });
    expect(world.webhooks.webhooks.size).toBe(2);
  });
});
