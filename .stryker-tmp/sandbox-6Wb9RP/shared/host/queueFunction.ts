// @ts-nocheck
import type { z } from 'zod';
import type { Services } from '../app/services.js';
import type { Logger } from '../ports/logger.js';
import { invocationLogger } from '../adapters/log/invocationLogger.js';
import type { QueueFunctionDefinition } from './functionDefinition.js';

/** What a queue handler gets: the services, the parsed message, a logger, the trigger metadata. */
export interface QueueCall<T> {
  readonly services: Services;
  readonly message: T;
  readonly log: Logger;
  readonly metadata: Readonly<Record<string, unknown>>;
}

/**
 * The body of a Service Bus message as the trigger hands it over: already-parsed JSON, or a string
 * that may or may not be JSON. Undefined for a string that is not JSON.
 */
function bodyOf(message: unknown): unknown {
  if (typeof message !== 'string') return message;
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * The frame of every queue function: parse the message with its schema → services → run. A
 * malformed message can never succeed: it is logged and completed, not redelivered forever. A
 * throw (the database or the start-up failed) abandons the message, so the queue redelivers it.
 */
export function queueFunction<T>(definition: {
  readonly name: string;
  readonly connection: string;
  readonly queueName: string;
  readonly message: z.ZodType<T>;
  run(call: QueueCall<T>): Promise<void>;
}): QueueFunctionDefinition {
  return {
    kind: 'queue',
    name: definition.name,
    connection: definition.connection,
    queueName: definition.queueName,
    async handler(raw, context, getServices) {
      const metadata = context.triggerMetadata ?? {};
      const log = invocationLogger(context, { deliveryCount: Number(metadata.deliveryCount ?? 0) });
      const parsed = definition.message.safeParse(bodyOf(raw));
      if (!parsed.success) {
        const messageId = metadata.messageId;
        log.error('queue.malformed message dropped', { messageId: typeof messageId === 'string' ? messageId : null });
        return;
      }
      const services = await getServices();
      await definition.run({ services, message: parsed.data, log, metadata });
    },
  };
}
