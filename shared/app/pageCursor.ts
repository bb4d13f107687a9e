import { z } from 'zod';
import { AppError } from '../domain/errors.js';

/** Where a newest-first page ended: the last item's creation time and id (the keyset). */
export interface PagePosition {
  readonly createdAt: string;
  readonly id: string;
}

/** The cursor's JSON: short keys keep it short in a URL; bounded so a forged one cannot be large. */
const cursorSchema = z.object({ c: z.string().max(40), i: z.string().max(40) });

/**
 * The opaque `nextCursor` of a paged list (export jobs, webhook deliveries): base64url of the last
 * item's position. Opaque to clients; it carries no tenant (each list scopes its query itself).
 */
export const encodePageCursor = (last: PagePosition): string =>
  Buffer.from(JSON.stringify({ c: last.createdAt, i: last.id })).toString('base64url');

/** The position a cursor names; anything else is a 400 naming the `cursor` parameter. */
export function decodePageCursor(cursor: string): PagePosition {
  try {
    const decoded = cursorSchema.parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
    return { createdAt: decoded.c, id: decoded.i };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid.', {
      details: [{ field: 'cursor', message: 'invalid cursor' }],
    });
  }
}
