// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Papa from 'papaparse';
import { testEnv, ACME, type TestEnv } from '../../../../support/testServices.js';
import { exportRequest, insertJob } from '../../../../support/insertJob.js';
import { processExport } from '../../../../../shared/app/processExport.js';
import { silentLogger } from '../../../../../shared/adapters/log/jsonLogger.js';
import type { Format } from '../../../../../shared/domain/formats.js';

/**
 * "Opens in Excel": LibreOffice (headless) converts our XLSX of the demo data to CSV, and every row
 * must equal our own CSV export of the same request. Needs `soffice` (Debian libreoffice-calc-nogui,
 * installed by .ci/run); without it the test is skipped and says why.
 */
const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
if (!soffice) console.warn('SKIP xlsx LibreOffice round trip: soffice not found (apt-get install libreoffice-calc-nogui)');

let env: TestEnv;
beforeAll(async () => {
  env = await testEnv({ users: 60, sessions: 3000 });
});
afterAll(async () => env.cleanup());

async function exportAs(format: Format): Promise<Buffer> {
  const deps = env.services;
  const { id } = await insertJob(deps.repo, ACME, exportRequest({ format, csv: { delimiter: ',', includeBom: false } }));
  expect(await processExport(deps, { jobId: id, attempt: 1 }, silentLogger)).toBe('completed');
  const job = await deps.repo.get(id);
  const { stream } = await deps.blobs.openRead(job!.blobName!);
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

describe.skipIf(!soffice)('XLSX opened by LibreOffice', () => {
  it('converts to CSV with the same rows as our CSV export', async () => {
    const dir = mkdtempSync(join(env.dir, 'lo-'));
    writeFileSync(join(dir, 'sessions.xlsx'), await exportAs('excel'));
    // 44 = comma, 34 = quote, 76 = UTF-8; formatted cell text as shown.
    execFileSync(
      soffice,
      [
        '--headless',
        `-env:UserInstallation=file://${dir}/profile`,
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1',
        '--outdir',
        dir,
        join(dir, 'sessions.xlsx'),
      ],
      {
        timeout: 120_000,
        stdio: 'ignore',
      },
    );
    const converted = readdirSync(dir).find((f) => f.endsWith('.csv'));
    expect(converted).toBeDefined();
    const ours = Papa.parse<string[]>((await exportAs('csv')).toString('utf8'), { newline: '\r\n', skipEmptyLines: true }).data;
    const theirs = Papa.parse<string[]>(readFileSync(join(dir, converted!), 'utf8'), { skipEmptyLines: true }).data;
    expect(theirs).toHaveLength(ours.length);
    expect(theirs[0]).toEqual(ours[0]);
    const time = (s: string) => Date.parse(s.replace(' ', 'T') + (s.length === 19 ? 'Z' : ''));
    for (let r = 1; r < ours.length; r++) {
      const a = ours[r]!;
      const b = theirs[r]!;
      a.forEach((v, i) => {
        if (i === 3 || i === 4) {
          // LibreOffice shows whole seconds; we store milliseconds.
          if (v === '') expect(b[i]).toBe('');
          else expect(Math.abs(time(b[i]!) - Date.parse(v))).toBeLessThan(1000);
        } else if (i === 7) {
          expect(b[i]!.toLowerCase(), `row ${r}`).toBe(v);
        } else {
          expect(b[i], `row ${r} col ${i}`).toBe(v);
        }
      });
    }
  }, 180_000);
});
