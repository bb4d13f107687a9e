/** The doorbell: "attempt N of job X may run now". The database row stays the truth. */
export interface JobMessage {
  readonly jobId: string;
  readonly attempt: number;
}

/** Deterministic id so Service Bus duplicate detection drops repeats of the same doorbell. */
export const messageIdOf = (m: JobMessage): string => `${m.jobId}:${m.attempt}`;

export interface JobQueue {
  /** Sends now, or at `notBefore` (scheduled enqueue) for a backoff retry. */
  send(message: JobMessage, notBefore?: Date): Promise<void>;
  close(): Promise<void>;
}

/** The doorbell of a webhook delivery: "attempt N of delivery X may run now". */
export interface DeliveryMessage {
  readonly deliveryId: string;
  readonly attempt: number;
}

export const deliveryMessageIdOf = (m: DeliveryMessage): string => `${m.deliveryId}:${m.attempt}`;

/**
 * The webhook deliveries' own queue (a second queue, not a second kind of message on the export
 * queue: a delivery must not wait for a worker slot behind long exports, and on Flex Consumption
 * each queue trigger scales on its own).
 */
export interface DeliveryQueue {
  send(message: DeliveryMessage, notBefore?: Date): Promise<void>;
  close(): Promise<void>;
}
