/**
 * Cross-checks the one list of setting names (shared/config/settings.ts) against the places that set
 * them: local.settings.sample.json, the Bicep app settings and outputs (infra/), and host.json.
 * Reads the Bicep source as text, so it needs no Bicep CLI (bicep.test.ts checks the compiled template).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Settings } from '../../shared/config/settings.js';

const repoRoot = join(__dirname, '..', '..');
const infraDir = join(repoRoot, 'infra');

const settingNames: string[] = Object.values(Settings);

/** Settings that only exist on a developer machine or in tests: Bicep must never set them. */
const LOCAL_ONLY: Readonly<Record<string, string>> = {
  EXPORT_SQLITE_PATH: 'embedded SQLite file; Azure uses Azure SQL',
  EXPORT_BLOB_CONNECTION_STRING: 'account-key connection string for Azurite; Azure storage has shared keys disabled',
  EXPORT_AUTH_HS256_SECRET: 'local dev tokens; Azure validates Entra tokens',
  EXPORT_SERVICEBUS_CONNECTION_STRING: 'local tooling; the Azure namespace has SAS keys disabled',
  EXPORT_PURGE_INTERVAL_SECONDS: 'interval of the local host; Azure runs the timer on EXPORT_PURGE_SCHEDULE',
  PORT: 'HTTP port of the local host',
  EXPORT_LOCAL_QUEUE_CONCURRENCY: 'the in-process queue; in Azure host.json serviceBus.maxConcurrentCalls',
  EXPORT_LOCAL_MAX_DELIVERY_COUNT: 'the in-process queue; in Azure the Service Bus queue maxDeliveryCount',
  SEED_SESSIONS: 'demo data seeding',
  SEED_USERS: 'demo data seeding',
  EXPORT_CORS_ORIGINS: 'CORS of the local host; in Azure the Function App CORS (Bicep parameter portalOrigins) answers it',
  EXPORT_AZURITE_DURABLE_WRITES: 'how the local host runs Azurite; Azure Blob Storage commits are durable',
  EXPORT_WEBHOOK_ALLOW_LOOPBACK: 'the local receiver of the embedded host; refused by the config with Azure settings',
};

/** Settings Azure may set but the Bicep leaves to the code default (override in app settings when needed). */
const OPTIONAL: Readonly<Record<string, string>> = {
  EXPORT_SAS_TTL_MINUTES: 'code default 15 minutes',
  EXPORT_PDF_ROW_CAP: 'code default 100000 rows',
  EXPORT_PDF_PAGE_SIZE: 'code default A4',
  EXPORT_PDF_ORIENTATION: 'code default landscape',
  EXPORT_XLSX_SHEET_ROW_LIMIT: "code default 1048576 (Excel's limit)",
  EXPORT_RETRY_MAX_ATTEMPTS: 'code default 5',
  EXPORT_RETRY_BASE_SECONDS: 'code default 5 s',
  EXPORT_RETRY_CAP_SECONDS: 'code default 600 s',
  EXPORT_LEASE_SECONDS: 'code default 120 s',
  EXPORT_BLOCK_SIZE_BYTES: 'code default 4 MiB',
  EXPORT_PAGE_SIZE: 'code default 2000 rows',
  EXPORT_PROGRESS_INTERVAL_MS: 'code default 1000 ms',
  EXPORT_RESEND_AFTER_SECONDS: 'code default 60 s',
  EXPORT_MAX_DATE_SPAN_DAYS: 'code default 366 days',
  EXPORT_MAX_ROWS: 'code default 1000000 rows',
  EXPORT_MAX_ACTIVE_JOBS_PER_ORG: 'code default 20',
  EXPORT_MAX_ACTIVE_JOBS_PER_USER: 'code default 5',
  EXPORT_CREATE_RATE_PER_MINUTE: 'code default 10 per minute',
  EXPORT_SYNC_ROW_CAP: 'code default 10000 rows',
  EXPORT_DOWNLOAD_REDIRECT_BYTES: 'code default 4 MiB',
  EXPORT_AUDIT_RETENTION_DAYS: 'code default 365 days',
  EXPORT_AUTH_MAX_TOKEN_LIFETIME_SECONDS: 'code default 24 h',
  EXPORT_RECONCILE_WINDOW_MINUTES: 'code default 60 minutes',
  EXPORT_WORKER_THREADS: 'code default 2 export page threads',
  EXPORT_WEBHOOK_MAX_ATTEMPTS: 'code default 8',
  EXPORT_WEBHOOK_RETRY_BASE_SECONDS: 'code default 30 s',
  EXPORT_EVENTS_MAX_SECONDS: 'code default 180 s (under the 230 s the Azure front end allows a response)',
};

/** Settings the Bicep sets for the Functions host or the platform, which the app code never reads. */
const PLATFORM_SETTINGS = new Set([
  'AzureWebJobsStorage__accountName',
  'AzureWebJobsStorage__credential',
  'AzureWebJobsStorage__clientId',
  'ServiceBusConnection__credential',
  'ServiceBusConnection__clientId',
  'APPLICATIONINSIGHTS_AUTHENTICATION_STRING',
]);

/** Keys of local.settings.json read by Core Tools / the host rather than by the app. */
const LOCAL_HOST_KEYS = new Set(['FUNCTIONS_WORKER_RUNTIME', 'AzureWebJobsStorage']);

/** App settings Flex Consumption rejects (functionAppConfig replaces them) or that would bypass identity. */
const FORBIDDEN_IN_AZURE = [
  'FUNCTIONS_WORKER_RUNTIME',
  'FUNCTIONS_EXTENSION_VERSION',
  'WEBSITE_RUN_FROM_PACKAGE',
  'AzureWebJobsStorage',
  'WEBSITE_CONTENTAZUREFILECONNECTIONSTRING',
];

function bicepFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'tools' ? [] : bicepFiles(path);
    return entry.name.endsWith('.bicep') ? [path] : [];
  });
}

const bicepSources = bicepFiles(infraDir).map((path) => readFileSync(path, 'utf8'));

/** Names of `{ name: '...' value: ... }` pairs in the Bicep source: the app settings, as formatted by `bicep format`. */
const bicepAppSettingNames = new Set(
  bicepSources.flatMap((source) => [...source.matchAll(/\bname:\s*'([^'$]+)'\s*\r?\n\s*value:/g)].map((m) => m[1]!)),
);

const mainBicep = readFileSync(join(infraDir, 'main.bicep'), 'utf8');
const bicepOutputNames = [...mainBicep.matchAll(/^output\s+(\w+)\s/gm)].map((m) => m[1]!);

interface LocalSettingsFile {
  IsEncrypted: boolean;
  Values: Record<string, string>;
}
const localSettings = JSON.parse(
  readFileSync(join(repoRoot, 'local.settings.sample.json'), 'utf8'),
) as LocalSettingsFile;

describe('local.settings.sample.json', () => {
  it('is a plain (unencrypted) Core Tools settings file with string values', () => {
    expect(localSettings.IsEncrypted).toBe(false);
    expect(localSettings.Values.FUNCTIONS_WORKER_RUNTIME).toBe('node');
    expect(localSettings.Values.AzureWebJobsStorage).toBe('UseDevelopmentStorage=true');
    for (const [name, value] of Object.entries(localSettings.Values)) {
      expect(typeof value, name).toBe('string');
    }
  });

  it('has every setting', () => {
    const missing = settingNames.filter((name) => !(name in localSettings.Values));
    expect(missing).toEqual([]);
  });

  it('has no stale names', () => {
    const unknown = Object.keys(localSettings.Values).filter(
      (name) => !settingNames.includes(name) && !LOCAL_HOST_KEYS.has(name),
    );
    expect(unknown).toEqual([]);
  });
});

describe('Bicep app settings', () => {
  it('found the app settings in the Bicep source', () => {
    // Guards the regex above: if formatting changes and nothing matches, every check below would pass vacuously.
    expect(bicepAppSettingNames.size).toBeGreaterThan(10);
    expect(bicepAppSettingNames).toContain('EXPORT_DB_KIND');
  });

  it('sets every setting that is not local-only or optional', () => {
    const unaccounted = settingNames.filter(
      (name) => !bicepAppSettingNames.has(name) && !(name in LOCAL_ONLY) && !(name in OPTIONAL),
    );
    expect(unaccounted).toEqual([]);
  });

  it('never sets a local-only setting', () => {
    expect(Object.keys(LOCAL_ONLY).filter((name) => bicepAppSettingNames.has(name))).toEqual([]);
  });

  it('keeps the LOCAL_ONLY and OPTIONAL lists honest', () => {
    const listed = [...Object.keys(LOCAL_ONLY), ...Object.keys(OPTIONAL)];
    expect(listed.filter((name) => !settingNames.includes(name))).toEqual([]);
    // An optional setting that the Bicep does set belongs in neither list.
    expect(Object.keys(OPTIONAL).filter((name) => bicepAppSettingNames.has(name))).toEqual([]);
  });

  it('sets no name that the code does not know (no stale or misspelled settings)', () => {
    const unknown = [...bicepAppSettingNames].filter(
      (name) => !settingNames.includes(name) && !PLATFORM_SETTINGS.has(name),
    );
    expect(unknown).toEqual([]);
  });

  it('sets no setting that Flex Consumption rejects or that would bypass managed identity', () => {
    expect(FORBIDDEN_IN_AZURE.filter((name) => bicepAppSettingNames.has(name))).toEqual([]);
  });

  it('sets what the trigger bindings resolve as %NAME%', () => {
    // %EXPORT_QUEUE_NAME% and %EXPORT_PURGE_SCHEDULE% must exist as app settings or the functions fail to index.
    expect(bicepAppSettingNames).toContain(Settings.queueName);
    expect(bicepAppSettingNames).toContain(Settings.webhookQueueName);
    expect(bicepAppSettingNames).toContain(Settings.purgeSchedule);
    expect(bicepAppSettingNames).toContain(Settings.serviceBusNamespace);
  });

  it('names its setting-like outputs after real settings', () => {
    const settingLike = bicepOutputNames.filter((name) => name.startsWith('EXPORT_') || name.includes('__'));
    expect(settingLike.length).toBeGreaterThan(0);
    expect(settingLike.filter((name) => !settingNames.includes(name))).toEqual([]);
    // AZURE_CLIENT_ID in the azd environment would hijack the deployer's own credential.
    expect(bicepOutputNames).not.toContain('AZURE_CLIENT_ID');
  });
});

/** Parses a .NET TimeSpan as written in host.json (`[d.]hh:mm:ss[.fff]`) into seconds. */
function timeSpanSeconds(value: string): number {
  const match = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.\d+)?$/.exec(value);
  if (!match) throw new Error(`not a TimeSpan: ${value}`);
  const [, days = '0', hours, minutes, seconds] = match;
  return ((Number(days) * 24 + Number(hours)) * 60 + Number(minutes)) * 60 + Number(seconds);
}

interface HostJson {
  version: string;
  extensionBundle: { id: string; version: string };
  functionTimeout: string;
  extensions: {
    serviceBus: {
      maxConcurrentCalls: number;
      autoCompleteMessages: boolean;
      maxAutoLockRenewalDuration: string;
      prefetchCount: number;
    };
  };
  logging: { applicationInsights: { samplingSettings: { isEnabled: boolean; excludedTypes: string } } };
}

describe('host.json', () => {
  const host = JSON.parse(readFileSync(join(repoRoot, 'host.json'), 'utf8')) as HostJson;
  const serviceBus = host.extensions.serviceBus;

  it('uses the v4 extension bundle', () => {
    expect(host.version).toBe('2.0');
    expect(host.extensionBundle).toEqual({ id: 'Microsoft.Azure.Functions.ExtensionBundle', version: '[4.*, 5.0.0)' });
  });

  it('renews the message lock for as long as a function may run', () => {
    expect(timeSpanSeconds(serviceBus.maxAutoLockRenewalDuration)).toBeGreaterThanOrEqual(
      timeSpanSeconds(host.functionTimeout),
    );
  });

  it('keeps export concurrency low and does not prefetch', () => {
    expect(serviceBus.maxConcurrentCalls).toBeGreaterThanOrEqual(1);
    expect(serviceBus.maxConcurrentCalls).toBeLessThanOrEqual(4);
    expect(serviceBus.prefetchCount).toBe(0);
    expect(serviceBus.autoCompleteMessages).toBe(true);
  });

  it('never samples away requests, exceptions or the traces the failed-export alert counts', () => {
    const excluded = host.logging.applicationInsights.samplingSettings.excludedTypes.split(';');
    expect(excluded).toEqual(expect.arrayContaining(['Request', 'Exception', 'Trace']));
  });

  it('parses TimeSpans the way the host does', () => {
    expect(timeSpanSeconds('00:30:00')).toBe(1800);
    expect(timeSpanSeconds('1.02:00:00')).toBe(93600);
    expect(() => timeSpanSeconds('30m')).toThrow();
  });
});
