// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { runTimers } from '../../local/functionHost.js';
import { timerFunction } from '../../shared/host/timerFunction.js';
import { fakeServices } from '../fakes/fakeServices.js';
import { testClock } from '../support/testClock.js';

describe('local host timers', () => {
  it('run every timer function each interval of the clock, never two runs of one at once', async () => {
    const clock = testClock();
    const world = fakeServices({ clock });
    let started = 0;
    let finished = 0;
    let release: () => void = () => undefined;
    const slow = timerFunction({
      name: 'slow',
      schedule: '0 * * * * *',
      run: async () => {
        started++;
        await new Promise<void>((resolve) => (release = resolve));
        finished++;
      },
    });
    let fast = 0;
    const quick = timerFunction({ name: 'quick', schedule: '0 * * * * *', run: async () => void fast++ });
    const stop = runTimers(
      [slow, quick],
      async () => world,
      clock,
      60,
      () => undefined,
    );

    await clock.tick(59_999);
    expect([started, fast]).toEqual([0, 0]);
    await clock.tick(1);
    expect([started, fast]).toEqual([1, 1]);
    // The slow run is still going at the next interval: it is skipped, the quick one runs.
    await clock.tick(60_000);
    expect([started, fast]).toEqual([1, 2]);
    release();
    await new Promise<void>((resolve) => setImmediate(resolve)); // the run settles
    await clock.tick(60_000);
    expect([started, finished, fast]).toEqual([2, 1, 3]);
    stop();
    release();
    await clock.tick(600_000);
    expect([started, fast], 'stopped').toEqual([2, 3]);
  });
});
