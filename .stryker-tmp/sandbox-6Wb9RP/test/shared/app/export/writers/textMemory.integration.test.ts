/**
 * CSV, JSON and NDJSON (plain and gzip) keep memory flat with the row count: 200k rows in a child
 * process whose peak RSS is read back (`process.resourceUsage().maxRSS`, so memory outside the JS
 * heap counts). The child loads the compiled writers from dist/ (`npm test` builds first).
 */
// @ts-nocheck

import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../../../..');
const child = resolve(__dirname, 'fixtures/textMemoryChild.mjs');

/**
 * A capped heap makes V8 collect garbage instead of growing into free RAM, so RSS measures what is
 * retained: a writer that kept rows or the file would die here (the 200k-row CSV alone is 29 MB of
 * text, ~58 MB as JS strings), while memory outside the heap still counts in maxRSS.
 */
const HEAP = ['--max-old-space-size=48', '--max-semi-space-size=4'];

async function run(format: string, rows: number, gzip: boolean) {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [...HEAP, child, root, format, String(rows), ...(gzip ? ['gzip'] : [])],
    { timeout: 120_000 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
    rows: number;
    bytes: number;
    baselineRssMB: number;
    peakRssMB: number;
  };
}

describe('text writers memory', () => {
  it.each([
    ['csv', false],
    ['csv', true],
    ['json', false],
    ['ndjson', true],
  ])('%s (gzip: %s): 200k rows stay within a bound a whole-file writer breaks', { timeout: 180_000 }, async (format, gzip) => {
    if (!existsSync(resolve(root, 'dist/shared/app/export/writers/csv.js')))
      throw new Error('dist/ is missing: run `npm run build` first (npm test does)');
    const small = await run(format, 20_000, gzip);
    const large = await run(format, 200_000, gzip);
    console.log(`${format}${gzip ? '+gzip' : ''} memory:`, JSON.stringify({ small, large }));
    expect(large.rows).toBe(200_000);
    // The 200k-row file is 29–60 MB uncompressed: holding it (or its rows) would add at least that.
    expect(large.bytes).toBeGreaterThan(gzip ? 5_000_000 : 25_000_000);
    expect(large.peakRssMB - large.baselineRssMB).toBeLessThan(40);
    // Flat: 10× the rows may add at most a few MB (allocator noise), never a per-row amount.
    expect(large.peakRssMB - small.peakRssMB).toBeLessThan(15);
  });
});
