import type { InvocationContext, Timer } from '@azure/functions';
import { sweepOutbox } from '../shared/app/sweepOutbox.js';
import { invocationLogger } from '../shared/adapters/log/invocationLogger.js';
import { registerTimer } from '../shared/host/registry.js';
import { services } from '../shared/host/runtime.js';

/** Timer, every minute: re-sends lost doorbells and reclaims jobs whose worker died. */
export async function sweepOutboxTimer(_timer: Timer, ctx: InvocationContext): Promise<void> {
  const { deps } = await services();
  await sweepOutbox(deps, invocationLogger(ctx));
}

registerTimer('sweepOutbox', { schedule: '0 * * * * *', handler: sweepOutboxTimer });
