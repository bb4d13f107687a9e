/**
 * A progress bar on stderr: redrawn in place on a terminal (at most ten times a second), one
 * plain line every few seconds otherwise (CI logs, pipes), so stdout stays clean for output.
 */
export interface ProgressBar {
  /** Shows `done` of `total` (undefined total: no bar yet, only the count) and extra text. */
  update(done: number, total?: number | null, text?: string): void;
  /** Ends the bar with a last line. */
  done(text?: string): void;
}

const WIDTH = 24;

export const formatCount = (n: number): string => Math.round(n).toLocaleString('en-US');

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.round(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60
    ? `${m}m${String(Math.round(s % 60)).padStart(2, '0')}s`
    : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/** The bar itself: `[#######.........]  42.0%`. */
export function renderBar(done: number, total: number): string {
  const share = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(share * WIDTH);
  return `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(1).padStart(5)}%`;
}

export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr): ProgressBar {
  const tty = Boolean(stream.isTTY);
  let lastDraw = 0;
  let lastLine = '';
  const draw = (line: string, force: boolean) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 100 : 5000)) return;
    if (!force && line === lastLine) return;
    lastDraw = now;
    lastLine = line;
    stream.write(tty ? `\r\x1b[2K${line}` : `${line}\n`);
  };
  return {
    update(done, total, text) {
      const bar = total === undefined || total === null ? '' : `${renderBar(done, total)}  `;
      const count = total === undefined || total === null ? formatCount(done) : `${formatCount(done)}/${formatCount(total)}`;
      draw(`${label} ${bar}${count}${text ? `  ${text}` : ''}`, false);
    },
    done(text) {
      draw(`${label} ${text ?? 'done'}`, true);
      if (tty) stream.write('\n');
    },
  };
}
