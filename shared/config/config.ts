import { z } from 'zod';
import { Settings as S } from './settings.js';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const common = {
  [S.blobContainer]: z.string().min(3).max(63).default('exports'),
  [S.fileTtlHours]: z.coerce.number().positive().default(24),
  [S.sasTtlMinutes]: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  [S.purgeIntervalSeconds]: z.coerce.number().positive().default(60),
  [S.pdfRowCap]: int(100_000, 1),
  [S.pdfPageSize]: z.enum(['A3', 'A4', 'A5', 'LETTER', 'LEGAL', 'TABLOID']).default('A4'),
  [S.pdfOrientation]: z.enum(['landscape', 'portrait']).default('landscape'),
  [S.xlsxSheetRowLimit]: int(1_048_576, 2).refine((n) => n <= 1_048_576, 'at most 1048576'),
  [S.retryMaxAttempts]: int(5, 1),
  [S.retryBaseSeconds]: z.coerce.number().min(0).default(5),
  [S.retryCapSeconds]: z.coerce.number().min(0).default(600),
  [S.leaseSeconds]: z.coerce.number().positive().default(120),
  [S.blockSizeBytes]: int(4 * 1024 * 1024, 1024).refine(
    (n) => n <= 100 * 1024 * 1024,
    'at most 104857600 (100 MiB, a block blob block)',
  ),
  [S.pageSize]: int(2000, 1).refine((n) => n <= 100_000, 'at most 100000'),
  [S.progressIntervalMs]: int(1000, 0),
  [S.resendAfterSeconds]: z.coerce.number().positive().default(60),
  [S.reconcileWindowMinutes]: z.coerce
    .number()
    .positive()
    .max(7 * 24 * 60)
    .default(60),
  [S.workerThreads]: int(2, 0).refine((n) => n <= 16, 'at most 16'),
  [S.localQueueConcurrency]: int(2, 1),
  [S.localMaxDeliveryCount]: int(5, 1),
  [S.queueName]: z.string().default('export-jobs'),
  [S.authIssuer]: z.string().default('portal-export-local'),
  [S.authAudience]: z.string().default('portal-export'),
  [S.azureClientId]: z.string().optional(),
  [S.appInsightsConnectionString]: z.string().optional(),
  [S.maxDateSpanDays]: int(366, 1).refine((n) => n <= 36_500, 'at most 36500'),
  [S.maxRows]: int(1_000_000, 1),
  [S.maxActiveJobsPerOrg]: int(20, 1),
  [S.maxActiveJobsPerUser]: int(5, 1),
  [S.createRatePerMinute]: int(10, 1),
  [S.syncRowCap]: int(10_000, 1),
  [S.downloadRedirectBytes]: int(4 * 1024 * 1024, 0),
  [S.auditRetentionDays]: int(365, 1),
  [S.authMaxTokenLifetimeSeconds]: int(24 * 3600, 60),
  [S.eventsMaxSeconds]: z.coerce.number().positive().max(3600).default(180),
  [S.webhookQueueName]: z.string().default('export-webhooks'),
  [S.webhookMaxAttempts]: int(8, 1).refine((n) => n <= 50, 'at most 50'),
  [S.webhookRetryBaseSeconds]: z.coerce.number().min(0).max(3600).default(30),
  [S.webhookAllowLoopback]: z.enum(['true', 'false']).default('false'),
  [S.corsOrigins]: z
    .string()
    .default('')
    .transform((v) =>
      v
        .split(',')
        .map((o) => o.trim())
        .filter(Boolean),
    )
    .refine(
      (list) => list.every((o) => /^https?:\/\/[^/\s]+$/.test(o)),
      'a comma-separated list of origins like https://portal.example.com',
    ),
};

const envSchema = z.object({
  ...common,
  [S.dbKind]: z.enum(['sqlite', 'mssql']).default('sqlite'),
  [S.sqlitePath]: z.string().default('.data/export.db'),
  [S.sqlServer]: z.string().optional(),
  [S.sqlDatabase]: z.string().optional(),
  [S.queueKind]: z.enum(['memory', 'servicebus']).default('memory'),
  [S.serviceBusNamespace]: z.string().optional(),
  [S.serviceBusConnectionString]: z.string().optional(),
  [S.blobAccountUrl]: z.string().url().optional(),
  [S.blobConnectionString]: z.string().optional(),
  [S.authMode]: z.enum(['hs256', 'entra']).default('hs256'),
  [S.authHs256Secret]: z.string().min(32, 'must be at least 32 characters').optional(),
});

export type Config = ReturnType<typeof toConfig>;
type Env = z.infer<typeof envSchema>;
/** The settings as given (no defaults), for those whose default must not apply in production modes. */
type Given = Readonly<Record<string, string>>;

const dbConfig = (e: Env) =>
  e[S.dbKind] === 'sqlite'
    ? ({ kind: 'sqlite', path: e[S.sqlitePath] } as const)
    : ({
        kind: 'mssql',
        server: required(e[S.sqlServer], S.sqlServer),
        database: required(e[S.sqlDatabase], S.sqlDatabase),
        clientId: e[S.azureClientId],
      } as const);

const authConfig = (e: Env, given: Given) =>
  e[S.authMode] === 'hs256'
    ? ({
        kind: 'hs256',
        secret: required(e[S.authHs256Secret], S.authHs256Secret),
        issuer: e[S.authIssuer],
        audience: e[S.authAudience],
        maxLifetimeSeconds: e[S.authMaxTokenLifetimeSeconds],
      } as const)
    : ({
        kind: 'entra',
        issuer: required(given[S.authIssuer], S.authIssuer),
        audience: required(given[S.authAudience], S.authAudience),
        maxLifetimeSeconds: e[S.authMaxTokenLifetimeSeconds],
      } as const);

/**
 * The local receiver's escape hatch from the SSRF rules, for the embedded host only: refused with
 * any Azure setting (Entra tokens, Service Bus, Azure SQL), so it can never be switched on there.
 */
function webhookAllowLoopback(e: Env): boolean {
  if (e[S.webhookAllowLoopback] !== 'true') return false;
  if (e[S.authMode] !== 'hs256' || e[S.queueKind] !== 'memory' || e[S.dbKind] !== 'sqlite') {
    throw new ConfigError(
      `setting ${S.webhookAllowLoopback} is for the embedded host only (hs256, in-process queue, SQLite); it is refused with Azure settings`,
    );
  }
  return true;
}

function toConfig(e: Env, given: Given) {
  return {
    db: dbConfig(e),
    queue:
      e[S.queueKind] === 'memory'
        ? ({ kind: 'memory', name: e[S.queueName] } as const)
        : ({
            kind: 'servicebus',
            name: e[S.queueName],
            namespace: e[S.serviceBusConnectionString]
              ? e[S.serviceBusNamespace]
              : required(e[S.serviceBusNamespace], `${S.serviceBusNamespace} or ${S.serviceBusConnectionString}`),
            connectionString: e[S.serviceBusConnectionString],
            clientId: e[S.azureClientId],
          } as const),
    blob: e[S.blobConnectionString]
      ? ({
          kind: 'connectionString',
          connectionString: e[S.blobConnectionString] as string,
          container: e[S.blobContainer],
        } as const)
      : ({
          kind: 'tokenCredential',
          accountUrl: required(e[S.blobAccountUrl], `${S.blobAccountUrl} or ${S.blobConnectionString}`),
          container: e[S.blobContainer],
          clientId: e[S.azureClientId],
        } as const),
    auth: authConfig(e, given),
    files: { ttlHours: e[S.fileTtlHours], sasTtlMinutes: e[S.sasTtlMinutes] },
    purgeIntervalSeconds: e[S.purgeIntervalSeconds],
    pdf: { rowCap: e[S.pdfRowCap], pageSize: e[S.pdfPageSize], orientation: e[S.pdfOrientation] },
    xlsx: { sheetRowLimit: e[S.xlsxSheetRowLimit] },
    retry: {
      maxAttempts: e[S.retryMaxAttempts],
      baseSeconds: e[S.retryBaseSeconds],
      capSeconds: e[S.retryCapSeconds],
    },
    leaseSeconds: e[S.leaseSeconds],
    export: {
      blockSizeBytes: e[S.blockSizeBytes],
      pageSize: e[S.pageSize],
      progressIntervalMs: e[S.progressIntervalMs],
      resendAfterSeconds: e[S.resendAfterSeconds],
      reconcileWindowMinutes: e[S.reconcileWindowMinutes],
      workerThreads: e[S.workerThreads],
    },
    localQueue: { concurrency: e[S.localQueueConcurrency], maxDeliveryCount: e[S.localMaxDeliveryCount] },
    limits: {
      maxDateSpanDays: e[S.maxDateSpanDays],
      maxRows: e[S.maxRows],
      maxActiveJobsPerOrganization: e[S.maxActiveJobsPerOrg],
      maxActiveJobsPerUser: e[S.maxActiveJobsPerUser],
      createRate: { limit: e[S.createRatePerMinute], windowSeconds: 60 },
      syncRowCap: e[S.syncRowCap],
    },
    downloadRedirectBytes: e[S.downloadRedirectBytes],
    auditRetentionDays: e[S.auditRetentionDays],
    corsOrigins: e[S.corsOrigins],
    eventsMaxSeconds: e[S.eventsMaxSeconds],
    webhooks: {
      queueName: e[S.webhookQueueName],
      maxAttempts: e[S.webhookMaxAttempts],
      retryBaseSeconds: e[S.webhookRetryBaseSeconds],
      capSeconds: 3600,
      timeoutMs: 10_000,
      secretGraceHours: 24,
      maxPerOrganization: 10,
      allowLoopback: webhookAllowLoopback(e),
    },
    appInsightsConnectionString: e[S.appInsightsConnectionString],
  };
}

class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

function required<T>(v: T | undefined, name: string): T {
  if (v === undefined || v === '') throw new ConfigError(`setting ${name} is required`);
  return v;
}

/** Validates every setting (types, ranges) and names every problem — never a value. */
function parse(env: Readonly<Record<string, string | undefined>>): { e: Env; given: Given } {
  const given = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== '')) as Given;
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return { e: parsed.data, given };
}

/**
 * Validates the environment once, at start-up, and fails with every problem named (never with a
 * secret's value). The only place that reads settings.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const { e, given } = parse(env);
  return toConfig(e, given);
}

/** Only the token settings (the local token CLI needs nothing else). */
export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): Config['auth'] {
  const { e, given } = parse(env);
  return authConfig(e, given);
}

/** Only the database settings (the seed CLI needs nothing else). */
export function loadDbConfig(env: Readonly<Record<string, string | undefined>>): Config['db'] {
  return dbConfig(parse(env).e);
}
