import { ServiceBusClient, isServiceBusError, type ServiceBusSender } from '@azure/service-bus';
import type { TokenCredential } from '@azure/identity';
import { AppError } from '../../domain/errors.js';
import { messageIdOf, type JobMessage } from '../../ports/jobQueue.js';

export type ServiceBusQueueOptions<M = JobMessage> = {
  readonly queueName: string;
  /** Message id (duplicate detection) and correlation id of a message; job doorbells by default. */
  readonly idOf?: (message: M) => { readonly messageId: string; readonly correlationId: string; readonly attempt: number };
} & ({ readonly connectionString: string } | { readonly namespace: string; readonly credential: TokenCredential });

/** Translates Service Bus SDK errors: its own `retryable` flag decides transient vs permanent. */
export function translateServiceBusError(e: unknown): AppError {
  if (e instanceof AppError) return e;
  // core-amqp's MessagingError (connection, AMQP) carries the flag too; anything else is assumed transient.
  const flag = (e as { retryable?: unknown } | null)?.retryable;
  const fallback = typeof flag === 'boolean' ? flag : true;
  const retryable = isServiceBusError(e) ? e.retryable || e.code === 'ServiceBusy' || e.code === 'ServiceTimeout' : fallback;
  return new AppError('QUEUE_UNAVAILABLE', 'The job queue is temporarily unavailable.', { retryable, cause: e });
}

/**
 * The doorbell over Azure Service Bus: JSON body, deterministic messageId (duplicate detection),
 * correlationId = job id, scheduled enqueue for backoff retries. One client per process.
 */
export async function serviceBusQueue<M = JobMessage>(
  options: ServiceBusQueueOptions<M>,
): Promise<{ send(message: M, notBefore?: Date): Promise<void>; close(): Promise<void> }> {
  const idOf =
    options.idOf ??
    ((m: M) => {
      const job = m as unknown as JobMessage;
      return { messageId: messageIdOf(job), correlationId: job.jobId, attempt: job.attempt };
    });
  const client =
    'connectionString' in options
      ? new ServiceBusClient(options.connectionString)
      : new ServiceBusClient(options.namespace, options.credential);
  const sender: ServiceBusSender = client.createSender(options.queueName);
  let closing: Promise<void> | undefined;
  return {
    async send(message, notBefore) {
      if (closing) throw new AppError('QUEUE_UNAVAILABLE', 'The job queue is closed.');
      const ids = idOf(message);
      const msg = {
        body: message,
        contentType: 'application/json',
        messageId: ids.messageId,
        correlationId: ids.correlationId,
        applicationProperties: { attempt: ids.attempt },
      };
      try {
        if (notBefore && notBefore.getTime() > Date.now()) await sender.scheduleMessages(msg, notBefore);
        else await sender.sendMessages(msg);
      } catch (e) {
        throw translateServiceBusError(e);
      }
    },
    /** Idempotent; closes the client (its AMQP connection) even when closing the sender fails. */
    close() {
      closing ??= (async () => {
        try {
          await sender.close();
        } finally {
          await client.close();
        }
      })();
      return closing;
    },
  };
}
