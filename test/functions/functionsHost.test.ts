/**
 * The Azure entry point (package.json `main` → functions/index.ts → registerWithFunctionsHost) loaded
 * by a stand-in for the Functions Node.js worker (test/support/functionsWorker.mjs) and driven through
 * the real `@azure/functions` library, as the host would: registrations, HTTP in streaming mode over
 * the library's proxy, and Service Bus trigger metadata in the RPC shape the host sends.
 *
 * - a failed start-up (the first SQL connect fails) answers 503 and is retried by the next invocation,
 *   which succeeds — through the real createRuntime;
 * - with the Azure settings (Azure SQL unreachable here) a start-up answers 503 and logs the cause;
 * - the dead-letter reason is read from where the Service Bus extension 5.x puts it.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { functionDefinitions } from '../../functions/definitions.js';
import type { HttpFunctionDefinition } from '../../shared/host/functionDefinition.js';
import { methodFallbacks } from '../../shared/host/methodFallbacks.js';
import { signHs256 } from '../../shared/adapters/auth/hs256.js';
import { loadConfig } from '../../shared/config/config.js';
import { Settings as S } from '../../shared/config/settings.js';
import { createRuntime, type Runtime } from '../../shared/host/compositionRoot.js';
import { lifecycle } from '../../shared/domain/lifecycle.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { startFunctionsWorker, type FunctionsWorker } from '../support/functionsWorker.js';
import { exportRequest, insertJob } from '../support/insertJob.js';

/** What the Azure entry registers: the route table plus one 405/OPTIONS fallback per route (methodFallbacks.ts). */
const registeredNames = [
  ...functionDefinitions,
  ...methodFallbacks(functionDefinitions.filter((d): d is HttpFunctionDefinition => d.kind === 'http')),
]
  .map((d) => d.name)
  .sort();

const repoRoot = join(__dirname, '..', '..');
const SECRET = 'functions-host-test-secret-0123456789abcdef';
const ORG = '3f2504e0-4f89-41d3-9a0c-0305e82c3301';
const token = () =>
  signHs256(
    { sub: 'alice', org: ORG, roles: ['Admin'] },
    { secret: SECRET, issuer: 'portal-export-local', audience: 'portal-export', now: new Date() },
  );

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'functions-host-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The settings of a worker on the embedded database (the Functions host resolves %EXPORT_*% from them). */
const embeddedEnv = (sqlitePath: string): Record<string, string | undefined> => ({
  PATH: process.env.PATH,
  [S.dbKind]: 'sqlite',
  [S.sqlitePath]: sqlitePath,
  [S.blobConnectionString]: inject('azuriteConnectionString'),
  [S.blobContainer]: `fh-${randomUUID().slice(0, 8)}`,
  [S.authHs256Secret]: SECRET,
  [S.queueName]: 'export-jobs',
  [S.purgeSchedule]: '0 */5 * * * *',
});

const startupFailures = (worker: FunctionsWorker) =>
  worker
    .output()
    .split('\n')
    .filter((l) => l.startsWith('startup.failed '))
    .map((l) => JSON.parse(l.slice('startup.failed '.length)) as { error: string; message: string });

describe('the Azure entry point under a Functions worker stand-in', () => {
  it.concurrent(
    'registers every function of the route table with its trigger, plus HTTP streaming and the terminate hook',
    async () => {
      const worker = await startFunctionsWorker(repoRoot, embeddedEnv(join(dir, 'registry.db')));
      try {
        const { functions, hooks, capabilities } = await worker.functions();
        expect(functions.map((f) => f.name).sort()).toEqual(registeredNames);
        for (const d of functionDefinitions) {
          const trigger = Object.values(functions.find((f) => f.name === d.name)!.bindings).find((b) =>
            b.type.endsWith('Trigger'),
          )!;
          if (d.kind === 'http') expect(trigger).toMatchObject({ type: 'httpTrigger', route: d.route, authLevel: 'anonymous' });
          if (d.kind === 'queue')
            expect(trigger).toMatchObject({ type: 'serviceBusTrigger', connection: d.connection, queueName: d.queueName });
          if (d.kind === 'timer') expect(trigger).toMatchObject({ type: 'timerTrigger', schedule: d.schedule });
        }
        expect(hooks).toContain('appTerminate');
        expect(capabilities.HttpUri).toMatch(/^http:\/\/localhost:\d+\/$/);
      } finally {
        await worker.stop();
      }
    },
  );

  it.concurrent('answers 503 while the first SQL connect fails, and the next invocation starts the app', async () => {
    // Where the database file belongs there is a folder: SQLite cannot open it (SQLITE_CANTOPEN), so
    // the first connect fails; once the folder is gone, the next connect creates the database.
    const sqlitePath = join(dir, 'first-connect-fails.db');
    mkdirSync(sqlitePath);
    const worker = await startFunctionsWorker(repoRoot, embeddedEnv(sqlitePath));
    try {
      const headers = { authorization: `Bearer ${token()}` };
      const first = await worker.http('listExportJobs', { method: 'GET', path: 'export-jobs', headers });
      expect(first.error).toBeUndefined();
      expect(first.status).toBe(503);
      expect(first.headers?.['content-type']).toContain('application/problem+json');
      expect(first.headers?.['retry-after']).toBeDefined();
      expect(JSON.parse(first.body!)).toMatchObject({ status: 503, code: 'SERVICE_UNAVAILABLE' });
      expect(first.body).not.toMatch(/SQLITE|unable to open|at /);
      expect(startupFailures(worker)).toEqual([{ error: 'SqliteError', message: 'unable to open database file' }]);

      rmSync(sqlitePath, { recursive: true });
      const second = await worker.http('listExportJobs', { method: 'GET', path: 'export-jobs', headers });
      expect(second.status, second.body).toBe(200);
      expect(JSON.parse(second.body!)).toMatchObject({ items: [] });
      expect(startupFailures(worker)).toHaveLength(1);
    } finally {
      await worker.stop();
    }
  });

  // The pool retries a failed connect for 30 s (tarn's acquire timeout) before the start-up gives up —
  // it rides over an Azure SQL failover, and keeps a redelivered message from burning its deliveries —
  // so this one test takes ~30 s and runs alongside the others.
  it.concurrent(
    'with the Azure settings, answers 503 and logs why while Azure SQL cannot be reached',
    { timeout: 90_000 },
    async () => {
      // What infra/main.bicep sets; the SQL server is a local address where nothing listens.
      const worker = await startFunctionsWorker(repoRoot, {
        PATH: process.env.PATH,
        [S.dbKind]: 'mssql',
        [S.sqlServer]: '127.0.0.1',
        [S.sqlDatabase]: 'sqldb-export',
        [S.queueKind]: 'servicebus',
        [S.queueName]: 'export-jobs',
        [S.serviceBusNamespace]: 'sb-export-test.servicebus.windows.net',
        [S.blobAccountUrl]: 'https://stxtest.blob.core.windows.net',
        [S.blobContainer]: 'exports',
        [S.authMode]: 'entra',
        [S.authIssuer]: 'https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0',
        [S.authAudience]: 'api://portal-export',
        [S.purgeSchedule]: '0 */5 * * * *',
      });
      try {
        const answer = await worker.http('listExportJobs', { method: 'GET', path: 'export-jobs', headers: {} });
        expect(answer.status).toBe(503);
        expect(JSON.parse(answer.body!)).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
        expect(answer.body).not.toContain('127.0.0.1');
        const failures = startupFailures(worker);
        expect(failures).toHaveLength(1);
        expect(failures[0]?.message).toMatch(/Failed to connect to 127\.0\.0\.1:1433/);
      } finally {
        await worker.stop();
      }
    },
  );

  it.concurrent(
    'records the dead-letter reason from the application properties the Service Bus extension 5.x passes',
    async () => {
      const sqlitePath = join(dir, 'dead-letter.db');
      const env = embeddedEnv(sqlitePath);
      const runtime: Runtime = await createRuntime(loadConfig(env), { logger: silentLogger });
      const worker = await startFunctionsWorker(repoRoot, env);
      try {
        const job = await insertJob(runtime.services.repo, ORG, exportRequest());
        await runtime.services.repo.apply(
          job.id,
          lifecycle.claim(new Date().toISOString(), { token: 'lease', expiresAt: new Date(Date.now() + 60_000).toISOString() }),
        );
        // Trigger metadata as the host sends it for one ServiceBusReceivedMessage (binding data of the
        // 5.x extension: no top-level reason; the broker's reason is in the application properties).
        const enqueued = new Date().toISOString();
        const answer = await worker.invoke(
          'deadLetterExport',
          { string: JSON.stringify({ jobId: job.id, attempt: 1 }) },
          {
            DeliveryCount: { int: 5 },
            DeadLetterSource: { string: 'export-jobs' },
            LockToken: { string: randomUUID() },
            ExpiresAtUtc: { string: '9999-12-31T23:59:59.9999999' },
            EnqueuedTimeUtc: { string: enqueued },
            MessageId: { string: `${job.id}:1` },
            ContentType: { string: 'application/json' },
            SequenceNumber: { int: 42 },
            ApplicationProperties: {
              json: JSON.stringify({
                DeadLetterReason: 'MaxDeliveryCountExceeded',
                DeadLetterErrorDescription: 'Message could not be consumed after 5 delivery attempts.',
              }),
            },
            UserProperties: {
              json: JSON.stringify({
                DeadLetterReason: 'MaxDeliveryCountExceeded',
                DeadLetterErrorDescription: 'Message could not be consumed after 5 delivery attempts.',
              }),
            },
            MessageActions: { json: '{}' },
          },
        );
        expect(answer.error).toBeUndefined();
        const failed = await runtime.services.repo.get(job.id);
        expect(failed?.status).toBe('Failed');
        expect(failed?.lastError?.code).toBe('DEAD_LETTERED');
        expect(failed?.lastError?.message).toContain(
          'MaxDeliveryCountExceeded: Message could not be consumed after 5 delivery attempts.',
        );
      } finally {
        await worker.stop();
        await runtime.close();
      }
    },
  );
});
