import { purgeAuditTrail } from '../shared/app/purgeAuditTrail.js';
import { purgeExports } from '../shared/app/purgeExports.js';
import { Settings } from '../shared/config/settings.js';
import { timerFunction } from '../shared/host/timerFunction.js';

/** Timer: deletes files past their 24 h (configurable) lifetime and marks the jobs Expired; trims the audit trail. */
export const purgeExportsFunction = timerFunction({
  name: 'purgeExports',
  schedule: `%${Settings.purgeSchedule}%`,
  async run({ services, log }) {
    await purgeExports(services, log);
    // Audit records past their retention go with the same timer (no extra instance on Flex).
    await purgeAuditTrail(services, log);
  },
});
