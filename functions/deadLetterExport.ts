import { z } from 'zod';
import { deadLetterExport } from '../shared/app/deadLetterExport.js';
import { Settings } from '../shared/config/settings.js';
import { DEAD_LETTER_SUFFIX } from '../shared/host/functionDefinition.js';
import { queueFunction } from '../shared/host/queueFunction.js';

/** A string value of `record` under `name` with either first-letter case (the library camel-cases keys). */
function stringAt(record: unknown, name: string): string | undefined {
  if (typeof record !== 'object' || record === null) return undefined;
  const bag = record as Record<string, unknown>;
  const value = bag[name] ?? bag[name.charAt(0).toUpperCase() + name.slice(1)];
  return typeof value === 'string' && value.trim() ? value : undefined;
}

/**
 * Why Service Bus dead-lettered the message. The broker stores the reason as the application
 * properties `DeadLetterReason` and `DeadLetterErrorDescription`; the Service Bus extension 5.x
 * (extension bundle 4.x) passes the message's application properties as the binding data
 * `ApplicationProperties` (and again as `UserProperties`, for back-compat) and has no top-level
 * reason, and `@azure/functions` camel-cases keys at every depth. So the reason is read from
 * `applicationProperties`, then `userProperties`, then top-level keys (older extensions, and what a
 * host might add), and is never lost: without any, the caller gets a generic reason.
 */
export function deadLetterReasonOf(metadata: Readonly<Record<string, unknown>>): string | undefined {
  for (const source of [metadata.applicationProperties, metadata.userProperties, metadata]) {
    const reason = stringAt(source, 'deadLetterReason');
    const description = stringAt(source, 'deadLetterErrorDescription');
    if (reason || description) return [reason, description].filter(Boolean).join(': ');
  }
  return undefined;
}

/** Trigger on the queue's dead-letter sub-queue: the job ends Failed (DEAD_LETTERED) unless terminal. */
export const deadLetterExportFunction = queueFunction({
  name: 'deadLetterExport',
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.queueName}%${DEAD_LETTER_SUFFIX}`,
  message: z.object({ jobId: z.string().uuid() }).passthrough(),
  async run({ services, message, log, metadata }) {
    await deadLetterExport(services, message.jobId, deadLetterReasonOf(metadata) ?? 'dead-lettered', log);
  },
});
