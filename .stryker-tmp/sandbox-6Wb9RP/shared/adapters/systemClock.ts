// @ts-nocheck
import type { Clock, TimerHandle } from '../ports/clock.js';

/** The machine's clock and Node's timers. Timers do not keep the process alive on their own. */
export const systemClock: Clock = {
  now: () => new Date(),
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle: TimerHandle) => clearTimeout(handle as NodeJS.Timeout),
  setInterval: (fn, ms) => setInterval(fn, ms).unref(),
  clearInterval: (handle: TimerHandle) => clearInterval(handle as NodeJS.Timeout),
};
