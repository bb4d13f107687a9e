// First: keeps the young generation small before anything grows it (see the module).
import '../shared/host/heapFlags.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { loadConfig } from '../shared/config/config.js';
import { createRuntime } from '../shared/host/compositionRoot.js';
import { silentLogger } from '../shared/adapters/log/jsonLogger.js';
import { processExport } from '../shared/app/processExport.js';
import { contentTypeFor, fileNameFor, type Compression, type Format } from '../shared/domain/formats.js';
import type { DataType } from '../shared/domain/datasets.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { AZURITE_SAS_VERSION } from '../local/azurite.js';
import { fileBlobStore } from './fileBlobStore.js';

/**
 * One export through the real pipeline (processExport → page threads → writer → block sink →
 * storage) in its own process, so its peak RSS (process.resourceUsage().maxRSS, memory outside
 * the JS heap and in the page threads included) is its own.
 *
 *   node dist/bench/exportOne.js --format csv [--compression gzip] [--from … --to …] [--sink file]
 *
 * Settings come from the environment. Prints `progress <rows>` lines on stderr while it runs and
 * one JSON line with the result on stdout.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      format: { type: 'string', default: 'csv' },
      compression: { type: 'string', default: 'none' },
      dataType: { type: 'string', default: 'sessions' },
      from: { type: 'string', default: '2026-01-01' },
      to: { type: 'string', default: '2026-06-30' },
      sink: { type: 'string', default: 'azurite' },
    },
  });
  const format = values.format as Format;
  const compression = values.compression as Compression;
  const dataType = values.dataType as DataType;
  const { from, to } = values as { from: string; to: string };
  const runtime = await createRuntime(loadConfig(process.env), { logger: silentLogger, sasVersion: AZURITE_SAS_VERSION });
  await runtime.ensureContainer();
  const fileDir = values.sink === 'file' ? mkdtempSync(join(tmpdir(), 'export-bench-file-')) : undefined;
  const services = fileDir ? { ...runtime.services, blobs: fileBlobStore(fileDir) } : runtime.services;
  const id = randomUUID();
  const request = {
    dataType,
    format,
    dateRange: { from, to },
    filters: {},
    compression,
    csv: { delimiter: ',' as const, includeBom: true },
  };
  await services.repo.insert({
    id,
    organizationId: DEMO_ORGS[0].id,
    createdBy: 'bench',
    request,
    createdAt: new Date().toISOString(),
    fileName: fileNameFor(dataType, format, from, to, compression),
    contentType: contentTypeFor(format, compression),
    retryOf: null,
  });
  const progress = setInterval(() => {
    void services.repo.get(id).then((job) => process.stderr.write(`progress ${job?.rowsWritten ?? 0}\n`));
  }, 500);
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t = process.hrtime.bigint();
  const outcome = await processExport(services, { jobId: id, attempt: 1 }, silentLogger);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  lag.disable();
  clearInterval(progress);
  const job = await services.repo.get(id);
  await runtime.close();
  if (fileDir) rmSync(fileDir, { recursive: true, force: true });
  process.stdout.write(
    JSON.stringify({
      outcome,
      error: job?.status === 'Failed' ? (job.lastError?.code ?? null) : null,
      rows: job?.rowCount,
      bytes: job?.sizeBytes,
      ms: Math.round(ms),
      maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      loopLagP99Ms: Math.round(lag.percentile(99) / 1e6),
      loopLagMaxMs: Math.round(lag.max / 1e6),
    }) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
