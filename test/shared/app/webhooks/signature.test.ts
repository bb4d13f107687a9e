import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHeader } from '../../../../shared/app/webhooks/signature.js';
import type { Webhook } from '../../../../shared/domain/webhooks.js';
import { ORG_A } from '../../../fakes/fakeServices.js';

const rotated: Webhook = {
  id: '0b0c7c2e-2f3a-4c55-9f0e-4a7f6d3c2b10',
  organizationId: ORG_A,
  url: 'https://hooks.example.com/portal-export',
  description: null,
  secret: 'whsec_new',
  previousSecret: 'whsec_old',
  previousSecretExpiresAt: '2026-07-02T00:00:00.000Z',
  createdBy: 'admin-a',
  createdAt: '2026-06-01T00:00:00.000Z',
  secretRotatedAt: '2026-07-01T00:00:00.000Z',
};
const body = '{"id":"evt_1"}';
const v1 = (secret: string, t: number) => createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

describe('signatureHeader', () => {
  it('signs with the previous secret too until the instant it expires, from then on with the new one only', () => {
    const before = new Date('2026-07-01T23:59:59.999Z'); // t = 1782950399
    expect(signatureHeader(rotated, body, before)).toBe(
      `t=1782950399,v1=${v1('whsec_new', 1782950399)},v1=${v1('whsec_old', 1782950399)}`,
    );
    const expiry = new Date('2026-07-02T00:00:00.000Z'); // t = 1782950400
    expect(signatureHeader(rotated, body, expiry)).toBe(`t=1782950400,v1=${v1('whsec_new', 1782950400)}`);
  });
});
