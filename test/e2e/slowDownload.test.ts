import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { slowDownload } from '../../bench/slowDownload.js';

/**
 * Large downloads cannot exhaust memory: the local host streams a 160 MiB file to a client that
 * reads 4 MiB/s, with backpressure from the socket back to Blob Storage, so the host's RSS stays
 * bounded by buffers, not by the file (`npm run bench:download` measures longer, slower reads). In
 * Azure such files never stream through the Functions host at all: they are redirected (303) to a
 * SAS URL above EXPORT_DOWNLOAD_REDIRECT_BYTES (test/local/httpHost.test.ts).
 */
const MAIN = join(resolve(__dirname, '..', '..'), 'dist', 'local', 'main.js');

describe('a slow client reading a large file through the local host', () => {
  it('keeps the host’s memory flat: RSS grows by far less than the unread part of the file', async () => {
    expect(existsSync(MAIN), 'dist/local/main.js (npm test builds it)').toBe(true);
    const r = await slowDownload({ fileMiB: 160, rateMiBps: 4, seconds: 8, main: MAIN });
    const unread = (r.fileBytes - r.bytesRead) / 1024 / 1024;
    const growth = r.peakRssMiB - r.baselineRssMiB;
    expect(r.status).toBe(200);
    expect(r.bytesRead / 1024 / 1024, 'the client read slowly').toBeLessThan(60);
    expect(unread).toBeGreaterThan(100);
    // Buffered at once: a few socket and stream buffers, never the file (unread ≥ 100 MiB).
    expect(growth, `RSS ${r.samples.map((s) => s.toFixed(0)).join(' ')}`).toBeLessThan(64);
    // Flat: the second half of the read adds (almost) nothing.
    const half = r.samples.slice(Math.floor(r.samples.length / 2));
    expect(Math.max(...half) - Math.min(...half)).toBeLessThan(24);
  }, 120_000);
});
