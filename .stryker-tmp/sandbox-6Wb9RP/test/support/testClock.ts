// @ts-nocheck
import type { Clock, TimerHandle } from '../../shared/ports/clock.js';

interface Timer {
  fn: () => void;
  due: number;
  seq: number;
  interval: number | null;
}

export interface TestClock extends Clock {
  /** Moves time forward, firing each due timer in order at its own due time (synchronously). */
  advance(seconds: number): void;
  /** Like `advance`, in ms, letting promises the timers started settle between timers. */
  tick(ms: number): Promise<void>;
  /** Jumps to a time, firing nothing. */
  set(iso: string): void;
  /** Timers waiting to fire. */
  readonly pending: number;
}

/** A clock tests move by hand: time moves and timers fire only when the test says. */
export function testClock(start = '2026-07-01T00:00:00.000Z'): TestClock {
  let now = Date.parse(start);
  let seq = 0;
  const timers: Timer[] = [];

  const insert = (t: Timer) => {
    let i = timers.length;
    while (i > 0) {
      const prev = timers[i - 1] as Timer;
      if (prev.due < t.due || (prev.due === t.due && prev.seq < t.seq)) break;
      i--;
    }
    timers.splice(i, 0, t);
  };
  const schedule = (fn: () => void, ms: number, interval: number | null): Timer => {
    const t: Timer = { fn, due: now + Math.max(0, ms), seq: seq++, interval };
    insert(t);
    return t;
  };
  const clear = (h: TimerHandle) => {
    const i = timers.indexOf(h as Timer);
    if (i >= 0) timers.splice(i, 1);
  };
  /** Fires the next timer due by `target`; false when none is. */
  const fireNext = (target: number): boolean => {
    const t = timers[0];
    if (!t || t.due > target) return false;
    timers.shift();
    now = Math.max(now, t.due);
    if (t.interval !== null) {
      t.due += t.interval;
      t.seq = seq++;
      insert(t);
    }
    t.fn();
    return true;
  };

  return {
    now: () => new Date(now),
    setTimeout: (fn, ms) => schedule(fn, ms, null),
    clearTimeout: clear,
    setInterval: (fn, ms) => schedule(fn, ms, Math.max(1, ms)),
    clearInterval: clear,
    advance(seconds) {
      const target = now + seconds * 1000;
      while (fireNext(target));
      now = target;
    },
    async tick(ms) {
      const target = now + ms;
      while (fireNext(target)) await new Promise<void>((resolve) => setImmediate(resolve));
      now = target;
      await new Promise<void>((resolve) => setImmediate(resolve));
    },
    set(iso) {
      now = Date.parse(iso);
    },
    get pending() {
      return timers.length;
    },
  };
}
