/** A progress bar on stderr for the long phases of the benchmark (a plain line when not a TTY). */
export function progressBar(label: string, total: number): { update(done: number): void; done(note?: string): void } {
  const started = Date.now();
  const tty = process.stderr.isTTY;
  let lastLine = 0;
  const draw = (done: number, final = false): void => {
    const now = Date.now();
    if (!final && now - lastLine < (tty ? 200 : 5000)) return;
    lastLine = now;
    const fraction = total > 0 ? Math.min(1, done / total) : 0;
    const width = 30;
    const filled = Math.round(fraction * width);
    const seconds = ((now - started) / 1000).toFixed(1);
    const line = `${label.padEnd(28)} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${(fraction * 100).toFixed(0).padStart(3)}% ${seconds} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };
  return {
    update: (done) => draw(done),
    done(note) {
      draw(total, true);
      process.stderr.write(note ? ` ${note}\n` : tty ? '\n' : '');
    },
  };
}

/** The p-th percentile (nearest rank) of a list of numbers. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/** A Markdown table (what README's Performance section shows). */
export function markdownTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;
export const ratio = (value: number, reference: number | undefined): string =>
  reference ? `${(value / reference).toFixed(2)}×` : '—';
