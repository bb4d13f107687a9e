/** An opaque handle of a timer set on a Clock (only the clock that made it looks inside). */
// @ts-nocheck

export type TimerHandle = object;

/**
 * Time, and timers that run on that time. Production uses the system clock; tests pass a test
 * clock they move by hand, so a scheduled message or a periodic timer fires when the test says,
 * and nothing sleeps.
 */
export interface Clock {
  now(): Date;
  setTimeout(fn: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
  setInterval(fn: () => void, ms: number): TimerHandle;
  clearInterval(handle: TimerHandle): void;
}
