// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { messageIdOf, type JobMessage, type JobQueue } from '../../shared/ports/jobQueue.js';

/** One message as a consumer saw it. */
export interface Received {
  readonly body: unknown;
  readonly messageId: string;
  /** The target's clock, in ms, when the consumer got it. */
  readonly receivedAt: number;
}

/**
 * A JobQueue under test plus a consumer for it. `receive` waits up to `waitMs` (returning early
 * once `max` messages arrived), settles (completes) what it got and returns the messages whose
 * job id is in `jobIds` — a shared queue may hold strangers from other runs. `waitMs` is time on
 * the target's clock: a target with a test clock moves it instead of sleeping.
 */
export interface JobQueueTarget {
  readonly queue: JobQueue;
  /** The time the queue schedules by, in ms (the broker's wall clock, or a test clock). */
  now(): number;
  receive(jobIds: ReadonlySet<string>, waitMs: number, max: number): Promise<Received[]>;
  cleanup(): Promise<void>;
}

export interface JobQueueContractOptions {
  /** How far ahead scheduled sends are scheduled. */
  readonly scheduleDelayMs: number;
  /** How long to wait for a message that should arrive (or to be sure a duplicate does not). */
  readonly settleMs: number;
  /** Allowed difference between our clock and the broker's when checking scheduled delivery. */
  readonly clockToleranceMs: number;
}

/**
 * The JobQueue contract: a sent doorbell arrives once with the job as body and a deterministic
 * message id; a duplicate sent before the first was consumed is dropped (different attempts are
 * different messages); a scheduled doorbell is not delivered before its time; sending after
 * close fails.
 */
export function jobQueueContract(name: string, open: () => Promise<JobQueueTarget>, o: JobQueueContractOptions): void {
  describe(`JobQueue contract — ${name}`, () => {
    let target: JobQueueTarget;
    beforeEach(async () => {
      target = await open();
    });
    afterEach(async () => {
      await target.cleanup();
    });

    const msg = (attempt = 1): JobMessage => ({ jobId: randomUUID(), attempt });

    it('delivers a sent message once, with the job as body and a deterministic message id', async () => {
      const m = msg();
      await target.queue.send(m);
      const got = await target.receive(new Set([m.jobId]), o.settleMs, 2);
      expect(got.map((r) => ({ body: r.body, messageId: r.messageId }))).toEqual([{ body: m, messageId: messageIdOf(m) }]);
    });

    it('drops a duplicate of a message that has not been consumed yet', async () => {
      const m = msg();
      await target.queue.send(m);
      await target.queue.send({ ...m });
      const got = await target.receive(new Set([m.jobId]), o.settleMs, 2);
      expect(got.map((r) => r.messageId)).toEqual([messageIdOf(m)]);
    });

    it('treats another attempt of the same job as a different message', async () => {
      const m1 = msg(1);
      const m2 = { jobId: m1.jobId, attempt: 2 };
      await target.queue.send(m1);
      await target.queue.send(m2);
      const got = await target.receive(new Set([m1.jobId]), o.settleMs, 2);
      expect(got.map((r) => r.body)).toEqual(expect.arrayContaining([m1, m2]));
      expect(got).toHaveLength(2);
    });

    it('does not deliver a scheduled message before its time, then delivers it', async () => {
      const m = msg(3);
      const notBefore = new Date(target.now() + o.scheduleDelayMs);
      await target.queue.send(m, notBefore);
      const early = await target.receive(new Set([m.jobId]), o.scheduleDelayMs / 2, 1);
      expect(early).toEqual([]);
      const later = await target.receive(new Set([m.jobId]), o.scheduleDelayMs + o.settleMs, 1);
      expect(later.map((r) => r.body)).toEqual([m]);
      expect(later[0]?.receivedAt).toBeGreaterThanOrEqual(notBefore.getTime() - o.clockToleranceMs);
    });

    it('sends at once when notBefore is already past', async () => {
      const m = msg();
      await target.queue.send(m, new Date(target.now() - 60_000));
      const got = await target.receive(new Set([m.jobId]), o.settleMs, 1);
      expect(got.map((r) => r.body)).toEqual([m]);
    });

    it('refuses to send after close, and closing twice is harmless', async () => {
      await target.queue.close();
      await expect(target.queue.send(msg())).rejects.toThrow();
      await target.queue.close();
    });
  });
}
