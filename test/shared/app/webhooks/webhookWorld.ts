import { cancelExportJob } from '../../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { createWebhook } from '../../../../shared/app/webhooks/createWebhook.js';
import { AppError } from '../../../../shared/domain/errors.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import type { WebhookDelivery } from '../../../../shared/domain/webhooks.js';
import { ORG_A, type FakeServices } from '../../../fakes/fakeServices.js';

/** Shared by the webhook use-case tests: who acts, and the shortest way to a delivery to deliver. */
export const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
export const ENDPOINT = 'https://hooks.example.com/portal-export';
export const usersExport = { dataType: 'users', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };

/** An endpoint of Acme and a job of Acme cancelled at once: one Pending delivery, its doorbell rung, the log cleared. */
export async function cancelledJobDelivery(world: FakeServices): Promise<WebhookDelivery> {
  await createWebhook(world, admin, { url: ENDPOINT });
  const job = await createExportJob(world, admin, usersExport, world.logger);
  await cancelExportJob(world, admin, job.id);
  const [delivery, ...others] = [...world.webhooks.deliveries.values()];
  if (!delivery || others.length > 0) throw new Error('expected exactly one delivery');
  world.lines.length = 0;
  return delivery;
}

/** The AppError a call fails with, as a client sees it: code, message and the details. */
export async function refusalOf(call: Promise<unknown>) {
  try {
    await call;
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message, details: e.options.details ?? [] };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The log lines of the webhooks (`webhook.*`), as the alerts query them. */
export const webhookLines = (world: FakeServices) => world.lines.filter((l) => l.msg.startsWith('webhook.'));
