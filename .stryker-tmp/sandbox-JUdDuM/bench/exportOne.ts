// @ts-nocheck
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import { loadConfig } from '../shared/config/config.js';
import { createRuntime } from '../shared/host/compositionRoot.js';
import { silentLogger } from '../shared/adapters/log/jsonLogger.js';
import { processExport } from '../shared/app/processExport.js';
import { contentTypeFor, fileNameFor, type Compression, type Format } from '../shared/domain/formats.js';
import type { DataType } from '../shared/domain/datasets.js';
import { DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { AZURITE_SAS_VERSION } from '../local/azurite.js';

/**
 * One export in its own process, so its peak RSS (process.resourceUsage().maxRSS) is its own.
 * argv: <format> <compression> <dataType>; env: the usual settings.
 */
async function main(): Promise<void> {
  const [format, compression, dataType] = process.argv.slice(2) as [Format, Compression, DataType];
  const runtime = await createRuntime(loadConfig(process.env), { logger: silentLogger, sasVersion: AZURITE_SAS_VERSION });
  await runtime.ensureContainer();
  const { services } = runtime;
  const id = randomUUID();
  const request = {
    dataType,
    format,
    dateRange: { from: '2026-01-01', to: '2026-06-30' },
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
    fileName: fileNameFor(dataType, format, '2026-01-01', '2026-06-30', compression),
    contentType: contentTypeFor(format, compression),
    retryOf: null,
  });
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  const t = process.hrtime.bigint();
  const outcome = await processExport(services, { jobId: id, attempt: 1 }, silentLogger);
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  lag.disable();
  const job = await services.repo.get(id);
  await runtime.close();
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

void main();
