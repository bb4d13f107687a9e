import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Verifies a webhook delivery of the Portal Export Service, for a receiver written in Node.
 *
 * The `Export-Signature` header is `t=<unix seconds>,v1=<hex>[,v1=<hex>]`: HMAC-SHA256 with the
 * endpoint's secret over `<t>.<raw body>`. After a secret rotation the old secret signs too for a
 * day (a second `v1`). Verify against the raw body bytes as received (not re-serialized JSON), and
 * refuse timestamps outside the tolerance: that is what stops a captured request being replayed.
 */
export type SignatureVerdict =
  { readonly ok: true; readonly timestamp: number } | { readonly ok: false; readonly reason: string };

export const DEFAULT_TOLERANCE_SECONDS = 300;

export function verifyWebhookSignature(
  secret: string,
  header: string | null | undefined,
  rawBody: string | Buffer,
  options: { readonly now?: Date; readonly toleranceSeconds?: number } = {},
): SignatureVerdict {
  if (!header) return { ok: false, reason: 'no signature header' };
  const parts = header.split(',').map((p) => p.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined).map(([, v]) => v as string);
  if (!Number.isInteger(t) || signatures.length === 0) return { ok: false, reason: 'malformed signature header' };
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - t) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'timestamp outside the tolerance (a replay, or a clock far off)' };
  }
  const body = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  const expected = createHmac('sha256', secret).update(`${t}.`, 'utf8').update(body).digest();
  const matches = signatures.some((hex) => {
    const given = /^[0-9a-f]{64}$/i.test(hex) ? Buffer.from(hex, 'hex') : Buffer.alloc(0);
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return matches ? { ok: true, timestamp: t } : { ok: false, reason: 'no signature matches the secret' };
}
