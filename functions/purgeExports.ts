import type { InvocationContext, Timer } from '@azure/functions';
import { purgeExpired } from '../shared/app/purgeExpired.js';
import { invocationLogger } from '../shared/adapters/log/invocationLogger.js';
import { Settings } from '../shared/config/settings.js';
import { registerTimer } from '../shared/host/registry.js';
import { services } from '../shared/host/runtime.js';

/** Timer: deletes files past their 24 h (configurable) lifetime and marks the jobs Expired. */
export async function purgeExportsTimer(_timer: Timer, ctx: InvocationContext): Promise<void> {
  const { deps } = await services();
  await purgeExpired(deps, invocationLogger(ctx));
}

registerTimer('purgeExports', { schedule: `%${Settings.purgeSchedule}%`, handler: purgeExportsTimer });
