import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { inProcessQueue, type DeadLetter, type Delivery } from '../../../../shared/adapters/queue/inProcessQueue.js';
import type { JobMessage } from '../../../../shared/ports/jobQueue.js';
import { jobQueueContract, type Received } from '../../../contracts/jobQueueContract.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

jobQueueContract(
  'in-process queue',
  async () => {
    const queue = inProcessQueue({ maxDeliveryCount: 3, concurrency: 4 });
    const buffer: Received[] = [];
    let consuming = false;
    return {
      queue,
      async receive(jobIds, waitMs, max) {
        // Consumption starts at the first receive, so sends before it are still queued.
        if (!consuming) {
          consuming = true;
          queue.consume(
            async (d) =>
              void buffer.push({
                body: d.body,
                messageId: d.messageId,
                receivedAt: Date.now(),
              }),
            async () => undefined,
          );
        }
        const deadline = Date.now() + waitMs;
        const mine = () => buffer.filter((r) => jobIds.has((r.body as JobMessage).jobId));
        while (mine().length < max && Date.now() < deadline) await sleep(10);
        const got = mine();
        for (const r of got) buffer.splice(buffer.indexOf(r), 1);
        return got;
      },
      cleanup: () => queue.close(),
    };
  },
  { scheduleDelayMs: 800, settleMs: 300, clockToleranceMs: 5 },
);

describe('in-process queue delivery semantics (Service Bus-like)', () => {
  const msg = (): JobMessage => ({ jobId: randomUUID(), attempt: 1 });

  it('redelivers a failed delivery with a growing deliveryCount, then dead-letters it', async () => {
    const q = inProcessQueue({ maxDeliveryCount: 3, concurrency: 1 });
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
    const q = inProcessQueue({ maxDeliveryCount: 1, concurrency: 2 });
    let running = 0;
    let peak = 0;
    const done: Delivery[] = [];
    q.consume(
      async (d) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(20);
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

  it('drops scheduled messages on close', async () => {
    const q = inProcessQueue({ maxDeliveryCount: 1, concurrency: 1 });
    const got: Delivery[] = [];
    q.consume(
      async (d) => void got.push(d),
      async () => undefined,
    );
    await q.send(msg(), new Date(Date.now() + 50));
    await q.close();
    await sleep(100);
    expect(got).toEqual([]);
  });
});
