import { z } from 'zod';
import { AppError } from '../../domain/errors.js';
import { MAX_PAGE_SIZE } from '../../domain/limits.js';
import type { Principal } from '../../domain/principal.js';
import type { WebhookDelivery } from '../../domain/webhooks.js';
import { toDetails } from '../exportRequest.js';
import { decodePageCursor, encodePageCursor } from '../pageCursor.js';
import type { Services } from '../services.js';
import { findWebhook } from './findWebhook.js';

/** The query of `GET /api/webhooks/{id}/deliveries` (strict). */
export const deliveriesQuerySchema = z.strictObject({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(20)
    .meta({ description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

/** The endpoint's delivery log, newest first: every event, its status and every attempt. */
export async function listWebhookDeliveries(
  services: Pick<Services, 'webhooks'>,
  principal: Principal,
  id: string,
  query: Readonly<Record<string, string>>,
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  const webhook = await findWebhook(services, principal, id);
  const parsed = deliveriesQuerySchema.safeParse(query);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The query is invalid.', { details: toDetails(parsed.error) });
  const after = parsed.data.cursor ? decodePageCursor(parsed.data.cursor) : undefined;
  const limit = parsed.data.limit;
  const rows = await services.webhooks.listDeliveries(webhook.id, { limit: limit + 1, ...(after ? { after } : {}) });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodePageCursor(last) : null };
}
