// @ts-nocheck
import type { Logger, LogProps } from '../../ports/logger.js';

export type LogSink = (level: 'info' | 'warn' | 'error', message: string, props: LogProps) => void;

/** One JSON object per line on stdout (embedded host). */
export const stdoutSink: LogSink = (level, message, props) => {
  process.stdout.write(JSON.stringify({ t: new Date().toISOString(), level, msg: message, ...props }) + '\n');
};

/** A Logger over any sink; `child` merges properties (jobId, attempt …) into every line. */
export function sinkLogger(sink: LogSink, base: LogProps = {}): Logger {
  return {
    info: (m, p) => sink('info', m, { ...base, ...p }),
    warn: (m, p) => sink('warn', m, { ...base, ...p }),
    error: (m, p) => sink('error', m, { ...base, ...p }),
    metric: (name, value, p) => sink('info', `metric ${name}`, { ...base, ...p, metric: name, value }),
    child: (p) => sinkLogger(sink, { ...base, ...p }),
  };
}

/** Discards everything (tests that do not read logs). */
export const silentLogger: Logger = sinkLogger(() => undefined);
