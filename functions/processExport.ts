import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { processExport } from '../shared/app/processExport.js';
import { invocationLogger } from '../shared/adapters/log/invocationLogger.js';
import { Settings } from '../shared/config/settings.js';
import { queueBody } from '../shared/host/queueBody.js';
import { registerQueue } from '../shared/host/registry.js';
import { services } from '../shared/host/runtime.js';

const messageSchema = z.object({ jobId: z.string().uuid(), attempt: z.number().int().min(1) });

/**
 * Service Bus trigger: one doorbell → one claim attempt. Returning completes the message; throwing
 * (only when the database is unreachable) abandons it for redelivery, then dead-lettering.
 */
export async function processExportQueue(message: unknown, ctx: InvocationContext): Promise<void> {
  const log = invocationLogger(ctx, { deliveryCount: Number(ctx.triggerMetadata?.deliveryCount ?? 0) });
  const parsed = messageSchema.safeParse(queueBody(message));
  if (!parsed.success) {
    // A malformed message can never succeed: complete it instead of redelivering it.
    const messageId = ctx.triggerMetadata?.messageId;
    log.error('queue.malformed message dropped', { messageId: typeof messageId === 'string' ? messageId : null });
    return;
  }
  const { deps } = await services();
  await processExport(deps, parsed.data, log);
}

registerQueue('processExport', {
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.queueName}%`,
  handler: processExportQueue,
});
