// @ts-nocheck
import { ServiceBusClient, ServiceBusError, type ServiceBusErrorCode, type ServiceBusReceiver } from '@azure/service-bus';
import type { TokenCredential } from '@azure/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serviceBusQueue, translateServiceBusError } from '../../../../shared/adapters/queue/serviceBusQueue.js';
import { AppError } from '../../../../shared/domain/errors.js';
import type { JobMessage } from '../../../../shared/ports/jobQueue.js';
import { jobQueueContract, type Received } from '../../../contracts/jobQueueContract.js';
import { describeLive, LiveEnv, liveValue } from '../../../contracts/live.js';

describe('translateServiceBusError', () => {
  const sbError = (code: ServiceBusErrorCode, retryable: boolean) => Object.assign(new ServiceBusError('x', code), { retryable });

  it('keeps the SDK’s retry decision and treats throttling and timeouts as transient', () => {
    expect(translateServiceBusError(sbError('MessagingEntityNotFound', false))).toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      retryable: false,
    });
    expect(translateServiceBusError(sbError('UnauthorizedAccess', false))).toMatchObject({ retryable: false });
    expect(translateServiceBusError(sbError('ServiceBusy', false))).toMatchObject({ retryable: true });
    expect(translateServiceBusError(sbError('ServiceTimeout', false))).toMatchObject({ retryable: true });
    expect(translateServiceBusError(sbError('ServiceCommunicationProblem', true))).toMatchObject({ retryable: true });
  });

  it('follows a MessagingError’s own flag, assumes anything else transient, and passes AppErrors through', () => {
    expect(translateServiceBusError(Object.assign(new Error('amqp'), { retryable: false }))).toMatchObject({ retryable: false });
    expect(translateServiceBusError(new Error('socket hang up'))).toMatchObject({ code: 'QUEUE_UNAVAILABLE', retryable: true });
    const own = new AppError('LEASE_LOST', 'x');
    expect(translateServiceBusError(own)).toBe(own);
  });
});

describe('serviceBusQueue without a broker', () => {
  it('closes idempotently and refuses sends afterwards with a permanent QUEUE_UNAVAILABLE', async () => {
    // Creating the client does not connect; nothing listens on this namespace.
    const queue = await serviceBusQueue({
      queueName: 'export-jobs',
      connectionString: 'Endpoint=sb://127.0.0.1/;SharedAccessKeyName=k;SharedAccessKey=a2V5',
    });
    await Promise.all([queue.close(), queue.close()]);
    await queue.close();
    await expect(queue.send({ jobId: 'j', attempt: 1 })).rejects.toMatchObject({
      code: 'QUEUE_UNAVAILABLE',
      retryable: false,
    });
  });
});

const namespace = liveValue(LiveEnv.serviceBusNamespace);
const connectionString = liveValue(LiveEnv.serviceBusConnectionString);
const queueName = liveValue(LiveEnv.serviceBusQueue);
const missing = [
  ...(queueName ? [] : [LiveEnv.serviceBusQueue]),
  ...(namespace || connectionString ? [] : [`${LiveEnv.serviceBusNamespace} (or ${LiveEnv.serviceBusConnectionString})`]),
];

// Azure Service Bus: the production adapter sends; a peek-lock receiver written here consumes.
describeLive('serviceBusQueue on Azure Service Bus', missing, () => {
  let client: ServiceBusClient;
  let receiver: ServiceBusReceiver;
  let credential: TokenCredential | undefined;
  beforeAll(async () => {
    if (connectionString) {
      client = new ServiceBusClient(connectionString);
    } else {
      const { DefaultAzureCredential } = await import('@azure/identity');
      credential = new DefaultAzureCredential();
      client = new ServiceBusClient(namespace as string, credential);
    }
    receiver = client.createReceiver(queueName as string, {
      receiveMode: 'peekLock',
    });
  });
  afterAll(async () => {
    await receiver?.close();
    await client?.close();
  });

  jobQueueContract(
    'Azure Service Bus',
    async () => {
      const queue = await serviceBusQueue(
        connectionString
          ? { queueName: queueName as string, connectionString }
          : {
              queueName: queueName as string,
              namespace: namespace as string,
              credential: credential as TokenCredential,
            },
      );
      return {
        queue,
        now: () => Date.now(),
        async receive(jobIds, waitMs, max) {
          const got: Received[] = [];
          const deadline = Date.now() + waitMs;
          while (got.length < max && Date.now() < deadline) {
            const batch = await receiver.receiveMessages(max - got.length, {
              maxWaitTimeInMs: Math.max(200, Math.min(5000, deadline - Date.now())),
            });
            for (const m of batch) {
              // Complete everything (strangers from aborted runs too) so the queue stays empty.
              await receiver.completeMessage(m);
              const body = m.body as JobMessage;
              if (jobIds.has(body?.jobId))
                got.push({
                  body,
                  messageId: String(m.messageId),
                  receivedAt: Date.now(),
                });
            }
          }
          return got;
        },
        cleanup: () => queue.close(),
      };
    },
    { scheduleDelayMs: 8000, settleMs: 5000, clockToleranceMs: 2000 },
  );
});
