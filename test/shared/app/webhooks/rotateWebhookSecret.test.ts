import { describe, expect, it } from 'vitest';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { rotateWebhookSecret } from '../../../../shared/app/webhooks/rotateWebhookSecret.js';
import { fakeServices } from '../../../fakes/fakeServices.js';
import { admin, ENDPOINT, refusalOf } from './webhookWorld.js';

describe('rotateWebhookSecret', () => {
  it('a new secret; the old one keeps signing for secretGraceHours (24 h); the rotation is audited', async () => {
    const world = fakeServices();
    const webhook = await createWebhook(world, admin, { url: ENDPOINT });
    world.clock.advance(3600);
    const rotated = await rotateWebhookSecret(world, admin, webhook.id);
    expect(rotated).toEqual({
      ...webhook,
      secret: expect.stringMatching(/^whsec_[\w-]{43}$/),
      previousSecret: webhook.secret,
      previousSecretExpiresAt: '2026-07-02T01:00:00.000Z',
      secretRotatedAt: '2026-07-01T01:00:00.000Z',
    });
    expect(rotated.secret).not.toBe(webhook.secret);
    expect(world.audit.records.map((r) => [r.action, r.detail])).toEqual([
      ['webhook-create', `webhook=${webhook.id}`],
      ['webhook-rotate', `webhook=${webhook.id}`],
    ]);
  });

  it('an endpoint deleted while it was being rotated is a 404, and nothing is audited', async () => {
    const world = fakeServices();
    const webhook = await createWebhook(world, admin, { url: ENDPOINT });
    const raced = { ...world, webhooks: { ...world.webhooks, rotateSecret: async () => false } };
    expect(await refusalOf(rotateWebhookSecret(raced, admin, webhook.id))).toEqual({
      code: 'NOT_FOUND',
      message: 'No such webhook endpoint.',
      details: [],
    });
    expect(world.audit.records.map((r) => r.action)).toEqual(['webhook-create']);
  });
});
