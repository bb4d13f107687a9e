import type { Clock, TimerHandle } from '../../ports/clock.js';
import { messageIdOf, type JobMessage } from '../../ports/jobQueue.js';

/** One delivery of a message, shaped like what the Service Bus trigger hands a function. */
export interface Delivery<M = JobMessage> {
  readonly body: M;
  readonly messageId: string;
  /** 1 on first delivery, like Service Bus. */
  readonly deliveryCount: number;
  readonly enqueuedTimeUtc: Date;
}

export interface DeadLetter<M = JobMessage> extends Delivery<M> {
  readonly deadLetterReason: string;
  readonly deadLetterErrorDescription: string;
}

export interface InProcessQueueOptions<M = JobMessage> {
  /** The message id (duplicate detection); job doorbells by default. */
  readonly idOf?: (message: M) => string;
  /** Deliveries before a message is dead-lettered (Service Bus maxDeliveryCount). */
  readonly maxDeliveryCount: number;
  /** Handlers running at once (Service Bus maxConcurrentCalls). */
  readonly concurrency: number;
  /** Scheduled messages become deliverable at their time on this clock. */
  readonly clock: Clock;
}

export interface InProcessQueue<M = JobMessage> {
  send(message: M, notBefore?: Date): Promise<void>;
  close(): Promise<void>;
  /** Starts delivering to `handler`; a throw abandons the delivery (redelivered at once). */
  consume(handler: (d: Delivery<M>) => Promise<void>, deadLetter: (d: DeadLetter<M>) => Promise<void>): void;
  /** Resolves when nothing is ready or in flight (scheduled messages wait for their time). */
  idle(): Promise<void>;
  /** Messages waiting (not in flight, not scheduled). */
  readonly depth: number;
  /** Messages scheduled for later. */
  readonly scheduled: number;
}

/**
 * The embedded queue: at-least-once delivery with redelivery on failure, a dead-letter hand-off
 * after `maxDeliveryCount`, scheduled messages on timers, and duplicate detection by messageId
 * while a message is queued, scheduled or in flight — the Service Bus semantics the app relies on.
 * Messages live in memory: the outbox sweeper re-sends what a restart lost, because the database
 * row, not the message, is the truth.
 */
export function inProcessQueue<M = JobMessage>(options: InProcessQueueOptions<M>): InProcessQueue<M> {
  const idOf = options.idOf ?? ((m: M) => messageIdOf(m as unknown as JobMessage));
  const ready: { body: M; messageId: string; deliveryCount: number; enqueuedTimeUtc: Date }[] = [];
  const known = new Set<string>();
  const { clock } = options;
  const timers = new Set<TimerHandle>();
  let inFlight = 0;
  let closed = false;
  let handler: ((d: Delivery<M>) => Promise<void>) | undefined;
  let deadLetter: ((d: DeadLetter<M>) => Promise<void>) | undefined;
  let idleWaiters: (() => void)[] = [];

  const checkIdle = () => {
    if (ready.length === 0 && inFlight === 0) {
      const w = idleWaiters;
      idleWaiters = [];
      w.forEach((f) => f());
    }
  };

  const pump = () => {
    while (handler && !closed && inFlight < options.concurrency && ready.length > 0) {
      const m = ready.shift() as (typeof ready)[number];
      const delivery: Delivery<M> = { ...m, deliveryCount: m.deliveryCount + 1 };
      inFlight++;
      void run(delivery);
    }
    checkIdle();
  };

  async function run(d: Delivery<M>): Promise<void> {
    try {
      await (handler as (d: Delivery<M>) => Promise<void>)(d);
      known.delete(d.messageId);
    } catch (e) {
      if (d.deliveryCount >= options.maxDeliveryCount) {
        known.delete(d.messageId);
        const description = e instanceof Error ? e.message : String(e);
        await deadLetter?.({
          ...d,
          deadLetterReason: 'MaxDeliveryCountExceeded',
          deadLetterErrorDescription: description,
        }).catch(() => undefined);
      } else if (!closed) {
        ready.push({ ...d });
      }
    } finally {
      inFlight--;
      pump();
    }
  }

  const enqueue = (body: M, messageId: string) => {
    ready.push({ body, messageId, deliveryCount: 0, enqueuedTimeUtc: clock.now() });
    pump();
  };

  return {
    async send(body, notBefore) {
      if (closed) throw new Error('queue closed');
      const messageId = idOf(body);
      if (known.has(messageId)) return; // duplicate detection
      known.add(messageId);
      const delay = notBefore ? notBefore.getTime() - clock.now().getTime() : 0;
      if (delay <= 0) return enqueue(body, messageId);
      const timer = clock.setTimeout(() => {
        timers.delete(timer);
        enqueue(body, messageId);
      }, delay);
      timers.add(timer);
    },
    consume(h, dl) {
      handler = h;
      deadLetter = dl;
      pump();
    },
    idle: () =>
      new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      }),
    get depth() {
      return ready.length;
    },
    get scheduled() {
      return timers.size;
    },
    async close() {
      closed = true;
      timers.forEach((t) => clock.clearTimeout(t));
      timers.clear();
      ready.length = 0;
      // In-flight handlers finish; idle() resolves when the last one has.
      await new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        checkIdle();
      });
    },
  };
}
