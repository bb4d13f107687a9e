import { createHmac } from 'node:crypto';
import type { Webhook } from '../../domain/webhooks.js';

/** The header receivers verify: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">` (one v1 per live secret). */
export const SIGNATURE_HEADER = 'Export-Signature';

/** HMAC-SHA256 over the timestamp and the exact body bytes, as lowercase hex. */
export const signPayload = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * The signature header for one attempt: signed with the current secret and, for the grace period
 * after a rotation, the previous one too, so a receiver may switch secrets at its own pace. The
 * timestamp lets a receiver refuse replays (older than its tolerance, 5 minutes recommended).
 */
export function signatureHeader(webhook: Webhook, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  const secrets = [webhook.secret];
  if (webhook.previousSecret && webhook.previousSecretExpiresAt && webhook.previousSecretExpiresAt > now.toISOString()) {
    secrets.push(webhook.previousSecret);
  }
  return [`t=${t}`, ...secrets.map((s) => `v1=${signPayload(s, t, body)}`)].join(',');
}
