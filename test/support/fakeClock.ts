import type { Clock } from '../../shared/ports/clock.js';

/** A clock tests move by hand. */
export function fakeClock(
  start = '2026-07-01T00:00:00.000Z',
): Clock & { advance(seconds: number): void; set(iso: string): void } {
  let t = Date.parse(start);
  return {
    now: () => new Date(t),
    advance: (s) => void (t += s * 1000),
    set: (iso) => void (t = Date.parse(iso)),
  };
}
