import type { DeliveryMessage, DeliveryQueue, JobMessage, JobQueue } from '../../shared/ports/jobQueue.js';

export interface SentMessage {
  readonly message: JobMessage;
  readonly notBefore: Date | undefined;
}

/** A JobQueue that only records what was sent (the test decides when, and whether, to deliver). */
export function recordingQueue(): JobQueue & { readonly sent: SentMessage[] } {
  const sent: SentMessage[] = [];
  let closed = false;
  return {
    sent,
    async send(message, notBefore) {
      if (closed) throw new Error('queue closed');
      sent.push({ message, notBefore });
    },
    async close() {
      closed = true;
    },
  };
}

/** A DeliveryQueue that only records what was sent. */
export function recordingDeliveryQueue(): DeliveryQueue & {
  readonly sent: { readonly message: DeliveryMessage; readonly notBefore: Date | undefined }[];
} {
  const sent: { message: DeliveryMessage; notBefore: Date | undefined }[] = [];
  return {
    sent,
    async send(message, notBefore) {
      sent.push({ message, notBefore });
    },
    async close() {},
  };
}
