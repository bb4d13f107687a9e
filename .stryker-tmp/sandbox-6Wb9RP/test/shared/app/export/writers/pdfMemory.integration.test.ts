// @ts-nocheck
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A 200k-row PDF export in a child process (so the measurement is its own, not the test runner's),
// streamed into a sink that discards the bytes. The child runs the compiled writer from dist/,
// which `npm test` builds first.

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../../../..');
const child = join(here, 'fixtures', 'pdfMemoryChild.mjs');
const compiled = join(repoRoot, 'dist', 'shared', 'app', 'export', 'writers', 'pdf.js');
const sources = ['pdf.ts', 'pdfGlyphs.ts', 'pdfTable.ts'].map((f) => join(repoRoot, 'shared', 'app', 'export', 'writers', f));

const ROWS = 200_000;

/**
 * Peak RSS may exceed the RSS after a one-page warm-up export by at most this much.
 *
 * Measured on the 2-core CI machine (Node 20, flags below): the streaming writer grows 15 MB at
 * 20k rows and 20–24 MB at 200k (young generation, a heap that fills up to its cap before a full
 * collection, ~0.4 KB of pdfkit bookkeeping per page). The same export with every output chunk
 * kept (`retain-output`: what a writer that buffers the whole 27 MB file holds) grows 52–57 MB.
 * Keeping the rows (~1 KB each), pdfkit's buffered pages (~27 KB each uncompressed) or a per-word
 * layout cache needs hundreds of MB and, with the heap capped at 48 MB, crashes the child instead.
 * 40 MB sits between the two with room on both sides.
 */
const MAX_GROWTH_MB = 40;

/**
 * Caps the JS heap so that garbage is collected instead of piling up: RSS then follows the live
 * memory, which is what the test is about. Buffers outside the heap (output chunks) still count.
 */
const NODE_FLAGS = ['--max-old-space-size=48', '--max-semi-space-size=4'];

interface ChildReport {
  rows: number;
  bytes: number;
  seconds: number;
  rowsPerSecond: number;
  baselineRssMB: number;
  maxRssMB: number;
  growthMB: number;
}

function runChild(rows: number): Promise<ChildReport> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [...NODE_FLAGS, child, repoRoot, String(rows)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    proc.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    proc.on('error', reject);
    proc.on('close', (code) => {
      if (code !== 0) {
        reject(new Error(`PDF memory child exited with ${code} (a heap-cap crash means the writer keeps rows):\n${stderr}`));
        return;
      }
      try {
        resolvePromise(JSON.parse(stdout.trim().split('\n').pop() ?? '') as ChildReport);
      } catch {
        reject(new Error(`PDF memory child printed no report:\n${stdout}\n${stderr}`));
      }
    });
  });
}

describe('pdfWriter memory', () => {
  it(`streams ${ROWS.toLocaleString('en-US')} rows with flat memory`, { timeout: 120_000 }, async () => {
    if (!existsSync(compiled)) {
      throw new Error(`${compiled} is missing: this test runs the compiled writer; run \`npm run build\` first`);
    }
    // Only a warning: an incremental build skips re-emitting files whose content is unchanged.
    const builtAt = statSync(compiled).mtimeMs;
    const newer = sources.filter((s) => existsSync(s) && statSync(s).mtimeMs > builtAt);
    if (newer.length > 0) console.warn(`dist/ may be stale (older than ${newer.join(', ')}); \`npm run build\` first`);

    const report = await runChild(ROWS);
    console.log(`pdf memory: ${JSON.stringify(report)}`);
    expect(report.rows).toBe(ROWS);
    expect(report.bytes).toBeGreaterThan(10_000_000); // ~4,400 pages really were written
    expect(report.growthMB).toBeLessThan(MAX_GROWTH_MB);
  });
});
