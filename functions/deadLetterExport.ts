import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { markDeadLettered } from '../shared/app/markDeadLettered.js';
import { invocationLogger } from '../shared/adapters/log/invocationLogger.js';
import { Settings } from '../shared/config/settings.js';
import { queueBody } from '../shared/host/queueBody.js';
import { registerQueue } from '../shared/host/registry.js';
import { services } from '../shared/host/runtime.js';

const bodySchema = z.object({ jobId: z.string().uuid() }).passthrough();

/** Trigger on the queue's dead-letter sub-queue: the job ends Failed (DEAD_LETTERED) unless terminal. */
export async function deadLetterExportQueue(message: unknown, ctx: InvocationContext): Promise<void> {
  const log = invocationLogger(ctx);
  const parsed = bodySchema.safeParse(queueBody(message));
  if (!parsed.success) {
    log.error('deadletter.malformed message dropped');
    return;
  }
  const meta = ctx.triggerMetadata ?? {};
  const reason = [meta.deadLetterReason, meta.deadLetterErrorDescription].filter((x) => typeof x === 'string' && x).join(': ');
  const { deps } = await services();
  await markDeadLettered(deps, parsed.data.jobId, reason || 'dead-lettered', log);
}

registerQueue('deadLetterExport', {
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.queueName}%/$deadletterqueue`,
  handler: deadLetterExportQueue,
});
