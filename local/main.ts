// First: keeps the young generation small before anything grows it (see the module).
import '../shared/host/heapFlags.js';
import { dirname, join, resolve } from 'node:path';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../shared/config/config.js';
import { Settings as S } from '../shared/config/settings.js';
import { createRuntime } from '../shared/host/compositionRoot.js';
import { isSeeded, seedDemoData, DEMO_ORGS } from '../shared/adapters/sql/seed.js';
import { sinkLogger, stdoutSink, type LogSink } from '../shared/adapters/log/jsonLogger.js';
import { AZURITE_SAS_VERSION, startAzurite } from './azurite.js';
import { functionDefinitions } from '../functions/definitions.js';
import { consumeQueue, runTimers, serveHttp } from './functionHost.js';
import { localEnv } from './localEnv.js';
import { seedOptions } from './seedOptions.js';
import { reconcileFiles } from '../shared/app/reconcileFiles.js';
import { sweepOutbox } from '../shared/app/sweepOutbox.js';
import type { Services } from '../shared/app/services.js';
import type { Logger } from '../shared/ports/logger.js';
import { consoleSite } from './consoleSite.js';
import { signHs256 } from '../shared/adapters/auth/hs256.js';

/** Completed jobs whose files the start-up checks, newest first (a few seconds' worth of HEADs). */
const STARTUP_RECONCILE_LIMIT = 1000;

/**
 * The embedded host: Azurite + SQLite + the in-process queue, serving the same function
 * definitions as Azure (functions/definitions.ts). `npm start`.
 */
async function main(): Promise<void> {
  const env = localEnv();
  const sqlitePath = resolve(env[S.sqlitePath] as string);
  const dataDir = dirname(sqlitePath);
  const sink: LogSink = stdoutSink;
  const azurite = env[S.blobConnectionString]
    ? undefined
    : await startAzurite({ location: join(dataDir, 'azurite'), port: 10000, durableWrites: durableWrites(env) });
  const config = loadConfig({
    ...env,
    [S.sqlitePath]: sqlitePath,
    ...(azurite ? { [S.blobConnectionString]: azurite.connectionString } : {}),
  });
  const logger = sinkLogger(sink);
  const runtime = await createRuntime(config, { logger, sasVersion: AZURITE_SAS_VERSION });
  await runtime.ensureContainer();
  if (config.db.kind === 'sqlite' && !(await isSeeded(runtime.sql.db))) {
    const options = seedOptions(env);
    sink('info', 'seeding demo data', { ...options });
    await seedDemoData(runtime.sql.db, runtime.sql.flavor, options);
  }
  await reconcileBeforeServing(runtime.services, logger);
  // Built before serving: a local start-up failure stops the host at once, with its reason.
  const services = () => Promise.resolve(runtime.services);
  if (!runtime.localQueue) throw new Error('the local host needs EXPORT_QUEUE_KIND=memory');
  consumeQueue(functionDefinitions, services, runtime.localQueue, sink);
  if (runtime.localDeliveryQueue) {
    consumeQueue(functionDefinitions, services, runtime.localDeliveryQueue, sink, `%${S.webhookQueueName}%`);
  }
  const stopTimers = runTimers(functionDefinitions, services, runtime.services.clock, config.purgeIntervalSeconds, sink);

  const auth = config.auth;
  const site = consoleSite({
    root: resolve(__dirname, '..', '..'),
    organizations: DEMO_ORGS,
    mintToken: ({ org, role, sub }) => {
      if (auth.kind !== 'hs256') throw new Error('the console needs EXPORT_AUTH_MODE=hs256');
      return signHs256({ sub, org, roles: [role] }, { ...auth, now: new Date(), ttlSeconds: 8 * 3600 });
    },
  });
  const server = serveHttp(functionDefinitions, services, sink, { corsOrigins: config.corsOrigins, site });
  const port = Number(env[S.port] ?? 7071);
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(port, '127.0.0.1', ok);
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    sink('info', 'stopping', { signal });
    stopTimers();
    server.close();
    server.closeAllConnections();
    // A running export is not waited for: its lease expires and the sweeper resumes it next start.
    await Promise.race([runtime.close(), new Promise((r) => setTimeout(r, 3000))]);
    await azurite?.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  const acme = DEMO_ORGS[0].id;
  process.stdout.write(
    [
      `Export service ready at ${url}/api (blob storage: Azurite on 127.0.0.1:${azurite?.port ?? '-'}, database: ${config.db.kind === 'sqlite' ? config.db.path : 'Azure SQL'})`,
      `Console: ${url}/ (pick an organization and a role; local host only)`,
      `Try: TOKEN=$(npm run -s token -- --org ${acme} --role Admin) && curl -s -H "Authorization: Bearer $TOKEN" ${url}/api/export-jobs`,
      '',
    ].join('\n'),
  );
}

/** `EXPORT_AZURITE_DURABLE_WRITES`: true unless set to false (a diagnosis switch; see local/azuriteServer.ts). */
function durableWrites(env: Record<string, string | undefined>): boolean {
  const value = (env[S.azuriteDurableWrites] ?? 'true').trim().toLowerCase();
  if (value !== 'true' && value !== 'false') throw new Error(`setting ${S.azuriteDurableWrites} must be true or false`);
  return value === 'true';
}

/**
 * What a restart after a crash must put right before the host serves anyone:
 * - files: Completed jobs whose file is gone (Azurite without durable writes loses the commits of
 *   its last seconds on a hard kill; anyone may have deleted one) are sent to be made again, so
 *   no client is handed a dead link — newest completions first, where such losses are;
 * - doorbells: the in-process queue died with the process, so every due Pending job is rung now
 *   rather than after EXPORT_RESEND_AFTER_SECONDS. (Processing jobs of the dead process are taken
 *   over when their lease runs out, as in Azure: another host could still hold them.)
 */
async function reconcileBeforeServing(services: Services, log: Logger): Promise<void> {
  const files = await reconcileFiles(services, log, { limit: STARTUP_RECONCILE_LIMIT });
  const ringAll = { ...services, policy: { ...services.policy, resendAfterSeconds: 0.001 } };
  let rung = 0;
  for (let round = 0; round < 100; round++) {
    const sent = await sweepOutbox(ringAll, log);
    rung += sent;
    if (sent === 0) break;
  }
  log.info('startup.reconciled', { filesChecked: files.checked, filesLost: files.lost, doorbellsRung: rung });
}

main().catch((e: unknown) => {
  process.stderr.write(`start failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
