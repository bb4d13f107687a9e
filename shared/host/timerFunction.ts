import type { Services } from '../app/services.js';
import type { Logger } from '../ports/logger.js';
import { invocationLogger } from '../adapters/log/invocationLogger.js';
import type { TimerFunctionDefinition } from './functionDefinition.js';

/** What a timer handler gets: the services and a logger. */
export interface TimerCall {
  readonly services: Services;
  readonly log: Logger;
}

/** The frame of every timer function: services → run; a throw fails this run, the next one tries again. */
export function timerFunction(o: {
  readonly name: string;
  readonly schedule: string;
  run(call: TimerCall): Promise<void>;
}): TimerFunctionDefinition {
  return {
    kind: 'timer',
    name: o.name,
    schedule: o.schedule,
    async handler(_timer, context, getServices) {
      const services = await getServices();
      await o.run({ services, log: invocationLogger(context) });
    },
  };
}
