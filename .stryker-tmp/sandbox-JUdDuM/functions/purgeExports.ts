// @ts-nocheck
import { purgeExports } from '../shared/app/purgeExports.js';
import { Settings } from '../shared/config/settings.js';
import { timerFunction } from '../shared/host/timerFunction.js';

/** Timer: deletes files past their 24 h (configurable) lifetime and marks the jobs Expired. */
export const purgeExportsFunction = timerFunction({
  name: 'purgeExports',
  schedule: `%${Settings.purgeSchedule}%`,
  async run({ services, log }) {
    await purgeExports(services, log);
  },
});
