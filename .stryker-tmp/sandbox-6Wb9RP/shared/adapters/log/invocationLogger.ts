// @ts-nocheck
import type { InvocationContext } from '@azure/functions';
import type { Logger, LogProps } from '../../ports/logger.js';
import { sinkLogger } from './jsonLogger.js';

/**
 * Logs through the Functions invocation context, so Application Insights correlates each line with
 * its invocation (operation id); properties travel as a JSON suffix that KQL can `parse_json`.
 */
export function invocationLogger(ctx: InvocationContext, base: LogProps = {}): Logger {
  return sinkLogger(
    (level, message, props) => {
      const line = `${message} ${JSON.stringify(props)}`;
      if (level === 'error') ctx.error(line);
      else if (level === 'warn') ctx.warn(line);
      else ctx.info(line);
    },
    { invocationId: ctx.invocationId, ...base },
  );
}
