import { describe, expect, it } from 'vitest';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { decodePageCursor, encodePageCursor } from '../../../shared/app/pageCursor.js';
import { processExport } from '../../../shared/app/processExport.js';
import { createWebhook } from '../../../shared/app/webhooks/createWebhook.js';
import { listWebhookDeliveries } from '../../../shared/app/webhooks/listWebhookDeliveries.js';
import { AppError } from '../../../shared/domain/errors.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { fakeServices, ORG_A } from '../../fakes/fakeServices.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };

/** The AppError a call throws: its code and the fields its details name. */
const refusal = async (call: () => Promise<unknown>) => {
  try {
    await call();
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, fields: (e.options.details ?? []).map((d) => d.field) };
    throw e;
  }
  throw new Error('expected a refusal');
};

describe('page cursors (export jobs and webhook deliveries)', () => {
  it('is base64url of the last position, written out here independently (Python base64)', () => {
    const cursor = 'eyJjIjoiMjAyNi0wMy0wMVQwMDowMDowMC4wMDBaIiwiaSI6ImFiYyJ9';
    expect(encodePageCursor({ createdAt: '2026-03-01T00:00:00.000Z', id: 'abc' })).toBe(cursor);
    expect(decodePageCursor(cursor)).toEqual({ createdAt: '2026-03-01T00:00:00.000Z', id: 'abc' });
  });

  it('refuses anything else as a 400 naming the cursor: not base64 JSON, a missing key, an over-long value', async () => {
    for (const cursor of [
      '!!!',
      'eyJjIjoiMjAyNi0wMy0wMSJ9', // {"c":"2026-03-01"}: no id
      'eyJjIjoieHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHgiLCJpIjoiYSJ9', // c of 41 characters
    ]) {
      expect(await refusal(async () => decodePageCursor(cursor)), cursor).toEqual({
        code: 'VALIDATION_FAILED',
        fields: ['cursor'],
      });
    }
  });

  it('the refusal says so in words the portal can show', () => {
    let refused: unknown;
    try {
      decodePageCursor('!!!');
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(AppError);
    const error = refused as AppError;
    expect([error.code, error.message, error.options.details]).toEqual([
      'VALIDATION_FAILED',
      'The cursor is invalid.',
      [{ field: 'cursor', message: 'invalid cursor' }],
    ]);
  });
});

describe('listWebhookDeliveries: the delivery log, paged newest first', () => {
  it('pages with limit and nextCursor through every delivery once; refuses a bad limit, cursor or parameter', async () => {
    const world = fakeServices();
    const webhook = await createWebhook(world, admin, { url: 'https://hooks.example.com/portal-export' });
    for (let i = 0; i < 3; i++) {
      const job = await createExportJob(
        world,
        admin,
        { dataType: 'users', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } },
        world.logger,
      );
      expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
      world.clock.advance(1);
    }
    const first = await listWebhookDeliveries(world, admin, webhook.id, { limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await listWebhookDeliveries(world, admin, webhook.id, { limit: '2', cursor: first.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const seen = [...first.items, ...second.items];
    expect(new Set(seen.map((d) => d.id)).size).toBe(3);
    const times = seen.map((d) => d.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await listWebhookDeliveries(world, admin, webhook.id, {})).items).toHaveLength(3); // default page: 20

    expect(await refusal(() => listWebhookDeliveries(world, admin, webhook.id, { limit: '0' }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['limit'],
    });
    expect(await refusal(() => listWebhookDeliveries(world, admin, webhook.id, { limit: '101' }))).toMatchObject({
      fields: ['limit'],
    });
    expect(await refusal(() => listWebhookDeliveries(world, admin, webhook.id, { cursor: 'nope' }))).toEqual({
      code: 'VALIDATION_FAILED',
      fields: ['cursor'],
    });
    expect(await refusal(() => listWebhookDeliveries(world, admin, webhook.id, { status: 'Pending' }))).toMatchObject({
      code: 'VALIDATION_FAILED',
    });
  });
});
