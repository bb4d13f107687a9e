// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inProcessQueue, type DeadLetter, type Delivery } from '../../../../shared/adapters/queue/inProcessQueue.js';
import type { JobMessage } from '../../../../shared/ports/jobQueue.js';
import { jobQueueContract, type Received } from '../../../contracts/jobQueueContract.js';
import { testClock } from '../../../support/testClock.js';

/** Lets pending promise callbacks (deliveries) run. */
const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

jobQueueContract(
  'in-process queue',
  async () => {
    const clock = testClock();
    const queue = inProcessQueue({ maxDeliveryCount: 3, concurrency: 4, clock });
    const buffer: Received[] = [];
    let consuming = false;
    return {
      queue,
      now: () => clock.now().getTime(),
      async receive(jobIds, waitMs, max) {
        // Consumption starts at the first receive, so sends before it are still queued.
        if (!consuming) {
          consuming = true;
          queue.consume(
            async (d) => void buffer.push({ body: d.body, messageId: d.messageId, receivedAt: clock.now().getTime() }),
            async () => undefined,
          );
        }
        const mine = () => buffer.filter((r) => jobIds.has((r.body as JobMessage).jobId));
        // Time passes on the test clock in small steps, delivering what becomes due.
        for (let waited = 0; mine().length < max && waited < waitMs; waited += 10) {
          await clock.tick(Math.min(10, waitMs - waited));
          await queue.idle();
        }
        const got = mine();
        for (const r of got) buffer.splice(buffer.indexOf(r), 1);
        return got;
      },
      cleanup: () => queue.close(),
    };
  },
  { scheduleDelayMs: 800, settleMs: 300, clockToleranceMs: 0 },
);

describe('in-process queue delivery semantics (Service Bus-like)', () => {
  const msg = (): JobMessage => ({ jobId: randomUUID(), attempt: 1 });

  it('redelivers a failed delivery with a growing deliveryCount, then dead-letters it', async () => {
    const q = inProcessQueue({ maxDeliveryCount: 3, concurrency: 1, clock: testClock() });
    const seen: number[] = [];
    const dead: DeadLetter[] = [];
    q.consume(
      async (d) => {
        seen.push(d.deliveryCount);
        throw new Error(`boom ${d.deliveryCount}`);
      },
      async (d) => void dead.push(d),
    );
    const m = msg();
    await q.send(m);
    await q.idle();
    expect(seen).toEqual([1, 2, 3]);
    expect(dead).toHaveLength(1);
    expect(dead[0]).toMatchObject({
      body: m,
      deliveryCount: 3,
      deadLetterReason: 'MaxDeliveryCountExceeded',
      deadLetterErrorDescription: 'boom 3',
    });
    // Once settled (dead-lettered), the same doorbell can be sent again.
    await q.send(m);
    await q.idle();
    expect(seen).toEqual([1, 2, 3, 1, 2, 3]);
    await q.close();
  });

  it('runs at most `concurrency` handlers at once and reports idle when all are done', async () => {
    const q = inProcessQueue({ maxDeliveryCount: 1, concurrency: 2, clock: testClock() });
    let running = 0;
    let peak = 0;
    const done: Delivery[] = [];
    q.consume(
      async (d) => {
        running++;
        peak = Math.max(peak, running);
        for (let i = 0; i < 3; i++) await settle();
        running--;
        done.push(d);
      },
      async () => undefined,
    );
    for (let i = 0; i < 6; i++) await q.send(msg());
    await q.idle();
    expect(done).toHaveLength(6);
    expect(peak).toBe(2);
    expect(q.depth).toBe(0);
    await q.close();
  });

  it('delivers a scheduled message when the clock reaches its time, not before', async () => {
    const clock = testClock();
    const q = inProcessQueue({ maxDeliveryCount: 1, concurrency: 1, clock });
    const got: Delivery[] = [];
    q.consume(
      async (d) => void got.push(d),
      async () => undefined,
    );
    const m = msg();
    await q.send(m, new Date(clock.now().getTime() + 60_000));
    expect(q.scheduled).toBe(1);
    await clock.tick(59_999);
    await q.idle();
    expect(got).toEqual([]);
    await clock.tick(1);
    await q.idle();
    expect(got.map((d) => d.body)).toEqual([m]);
    expect(got[0]?.enqueuedTimeUtc).toEqual(clock.now());
    await q.close();
  });

  it('drops scheduled messages on close', async () => {
    const clock = testClock();
    const q = inProcessQueue({ maxDeliveryCount: 1, concurrency: 1, clock });
    const got: Delivery[] = [];
    q.consume(
      async (d) => void got.push(d),
      async () => undefined,
    );
    await q.send(msg(), new Date(clock.now().getTime() + 50));
    await q.close();
    expect(clock.pending, 'the timer was cleared').toBe(0);
    await clock.tick(100);
    expect(got).toEqual([]);
  });
});
