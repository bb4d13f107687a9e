// @ts-nocheck
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
export function timerFunction(definition: {
  readonly name: string;
  readonly schedule: string;
  run(call: TimerCall): Promise<void>;
}): TimerFunctionDefinition {
  return {
    kind: 'timer',
    name: definition.name,
    schedule: definition.schedule,
    async handler(_timer, context, getServices) {
      const services = await getServices();
      await definition.run({ services, log: invocationLogger(context) });
    },
  };
}
