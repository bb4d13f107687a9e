import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/domain/errors.js';
import type { Webhook, WebhookDelivery } from '../../../shared/domain/webhooks.js';
import { MAX_BODY_BYTES, readJsonBody } from '../../../shared/http/readJsonBody.js';
import { deliveryResource, webhookResource, webhookWithSecret } from '../../../shared/http/webhookResources.js';

const post = (body: string, headers: Record<string, string>) =>
  new HttpRequest({ method: 'POST', url: 'http://localhost/api/export-jobs', body: { string: body }, headers });

async function failureOf(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => new Error('expected the body to be refused'),
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw e;
  return e;
}

describe('readJsonBody', () => {
  it('the limit is 64 KiB', () => expect(MAX_BODY_BYTES).toBe(65_536));

  it('parses a JSON body, whatever the case and parameters of its media type', async () => {
    expect(await readJsonBody(post('{"a":1}', { 'content-type': 'application/json' }))).toEqual({ a: 1 });
    expect(await readJsonBody(post('[1]', { 'content-type': ' Application/JSON ; charset=utf-8' }))).toEqual([1]);
  });

  it.each([[{}], [{ 'content-type': 'text/plain' }], [{ 'content-type': 'application/json-patch+json' }]])(
    'refuses another media type (%j) with 415',
    async (headers) => {
      const e = await failureOf(readJsonBody(post('{}', headers)));
      expect([e.code, e.message]).toEqual(['UNSUPPORTED_MEDIA_TYPE', 'Send the request body as application/json.']);
    },
  );

  it('refuses a declared length over the limit before reading, and an actual one over it after', async () => {
    const declared = await failureOf(
      readJsonBody(post('{}', { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES + 1) })),
    );
    expect([declared.code, declared.message]).toEqual(['PAYLOAD_TOO_LARGE', 'The body may be at most 65536 bytes.']);
    // Multi-byte characters: 21 846 × 3 bytes = 65 538 bytes in 21 846 characters.
    const actual = await failureOf(readJsonBody(post(`"${'€'.repeat(21_845)}"`, { 'content-type': 'application/json' })));
    expect([actual.code, actual.message]).toEqual(['PAYLOAD_TOO_LARGE', 'The body may be at most 65536 bytes.']);
  });

  it('accepts a body of exactly the limit', async () => {
    const exact = `"${'x'.repeat(MAX_BODY_BYTES - 2)}"`;
    const headers = { 'content-type': 'application/json', 'content-length': String(MAX_BODY_BYTES) };
    expect(await readJsonBody(post(exact, headers))).toHaveLength(MAX_BODY_BYTES - 2);
  });

  it('refuses malformed JSON with 400 naming the body', async () => {
    const e = await failureOf(readJsonBody(post('{"a":', { 'content-type': 'application/json' })));
    expect([e.code, e.message, e.options.details]).toEqual([
      'VALIDATION_FAILED',
      'The body is not valid JSON.',
      [{ field: '(body)', message: 'malformed JSON' }],
    ]);
  });
});

describe('webhook resources', () => {
  const webhook: Webhook = {
    id: 'w1',
    organizationId: 'org-a',
    url: 'https://hooks.example.com/x',
    description: 'ops',
    secret: 'whsec_new',
    previousSecret: 'whsec_old',
    previousSecretExpiresAt: '2026-03-01T12:00:00.000Z',
    createdBy: 'u1',
    createdAt: '2026-02-01T00:00:00.000Z',
    secretRotatedAt: '2026-02-28T12:00:00.000Z',
  };
  const expected = {
    id: 'w1',
    organizationId: 'org-a',
    url: 'https://hooks.example.com/x',
    description: 'ops',
    createdBy: 'u1',
    createdAt: '2026-02-01T00:00:00.000Z',
    secretRotatedAt: '2026-02-28T12:00:00.000Z',
    previousSecretExpiresAt: '2026-03-01T12:00:00.000Z',
    links: { self: '/api/webhooks/w1', deliveries: '/api/webhooks/w1/deliveries' },
  };

  it('shows the previous secret’s expiry only while it still signs; never a secret', () => {
    expect(webhookResource(webhook, new Date('2026-03-01T11:59:59.999Z'))).toEqual(expected);
    expect(webhookResource(webhook, new Date('2026-03-01T12:00:00.000Z'))).toEqual({
      ...expected,
      previousSecretExpiresAt: null,
    });
    expect(webhookResource({ ...webhook, previousSecretExpiresAt: null }, new Date('2026-01-01T00:00:00.000Z'))).toEqual({
      ...expected,
      previousSecretExpiresAt: null,
    });
  });

  it('shows the secret only in the resource made for its creation or rotation', () => {
    expect(webhookWithSecret(webhook, new Date('2026-03-02T00:00:00.000Z'))).toEqual({
      ...expected,
      previousSecretExpiresAt: null,
      secret: 'whsec_new',
    });
  });

  it('a delivery shows its state, not its payload or lease', () => {
    const delivery: WebhookDelivery = {
      id: 'd1',
      webhookId: 'w1',
      organizationId: 'org-a',
      eventId: 'e1',
      eventType: 'export_job.completed',
      jobId: 'j1',
      payload: '{"secret":"nope"}',
      status: 'Failed',
      attempt: 3,
      nextAttemptAt: null,
      leaseToken: 'lease',
      leaseExpiresAt: null,
      enqueuedAt: null,
      createdAt: '2026-02-01T00:00:00.000Z',
      updatedAt: '2026-02-01T01:00:00.000Z',
      deliveredAt: null,
      attempts: [{ attempt: 1, at: '2026-02-01T00:00:01.000Z', statusCode: 500, error: 'HTTP 500', durationMs: 12 }],
    };
    expect(deliveryResource(delivery)).toEqual({
      id: 'd1',
      webhookId: 'w1',
      eventId: 'e1',
      eventType: 'export_job.completed',
      jobId: 'j1',
      status: 'Failed',
      createdAt: '2026-02-01T00:00:00.000Z',
      nextAttemptAt: null,
      deliveredAt: null,
      attempts: [{ attempt: 1, at: '2026-02-01T00:00:01.000Z', statusCode: 500, error: 'HTTP 500', durationMs: 12 }],
    });
  });
});
