import { z } from 'zod';
import { Settings as S } from './settings.js';

const int = (def: number, min = 0) => z.coerce.number().int().min(min).default(def);

const common = {
  [S.blobContainer]: z.string().min(3).max(63).default('exports'),
  [S.fileTtlHours]: z.coerce.number().positive().default(24),
  [S.sasTtlMinutes]: z.coerce.number().positive().max(24 * 60).default(15),
  [S.purgeIntervalSeconds]: z.coerce.number().positive().default(60),
  [S.pdfRowCap]: int(100_000, 1),
  [S.pdfPageSize]: z.enum(['A3', 'A4', 'A5', 'LETTER', 'LEGAL', 'TABLOID']).default('A4'),
  [S.pdfOrientation]: z.enum(['landscape', 'portrait']).default('landscape'),
  [S.xlsxSheetRowLimit]: int(1_048_576, 2).refine((n) => n <= 1_048_576, 'at most 1048576'),
  [S.retryMaxAttempts]: int(5, 1),
  [S.retryBaseSeconds]: z.coerce.number().min(0).default(5),
  [S.retryCapSeconds]: z.coerce.number().min(0).default(600),
  [S.leaseSeconds]: z.coerce.number().positive().default(120),
  [S.queueName]: z.string().default('export-jobs'),
  [S.authIssuer]: z.string().default('portal-export-local'),
  [S.authAudience]: z.string().default('portal-export'),
  [S.azureClientId]: z.string().optional(),
  [S.appInsightsConnectionString]: z.string().optional(),
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

/** `env` is the raw input, for settings whose default must not apply in production modes. */
function toConfig(e: z.infer<typeof envSchema>, env: Readonly<Record<string, string>>) {
  return {
    db:
      e[S.dbKind] === 'sqlite'
        ? ({ kind: 'sqlite', path: e[S.sqlitePath] } as const)
        : ({
            kind: 'mssql',
            server: required(e[S.sqlServer], S.sqlServer),
            database: required(e[S.sqlDatabase], S.sqlDatabase),
            clientId: e[S.azureClientId],
          } as const),
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
      ? ({ kind: 'connectionString', connectionString: e[S.blobConnectionString] as string, container: e[S.blobContainer] } as const)
      : ({
          kind: 'tokenCredential',
          accountUrl: required(e[S.blobAccountUrl], `${S.blobAccountUrl} or ${S.blobConnectionString}`),
          container: e[S.blobContainer],
          clientId: e[S.azureClientId],
        } as const),
    auth:
      e[S.authMode] === 'hs256'
        ? ({
            kind: 'hs256',
            secret: required(e[S.authHs256Secret], S.authHs256Secret),
            issuer: e[S.authIssuer],
            audience: e[S.authAudience],
          } as const)
        : ({
            kind: 'entra',
            issuer: required(env[S.authIssuer], S.authIssuer),
            audience: required(env[S.authAudience], S.authAudience),
          } as const),
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

/**
 * Validates the environment once, at start-up, and fails with every problem named (never with a
 * secret's value). The only place that reads settings.
 */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`invalid configuration: ${problems}`);
  }
  return toConfig(parsed.data, present as Record<string, string>);
}

/** Only the token settings (the local token CLI needs nothing else). */
export function loadAuthConfig(env: Readonly<Record<string, string | undefined>>): Config['auth'] {
  const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const picked = envSchema.pick({
    [S.authMode]: true,
    [S.authHs256Secret]: true,
    [S.authIssuer]: true,
    [S.authAudience]: true,
  } as const);
  const parsed = picked.safeParse(present);
  if (!parsed.success) throw new ConfigError(`invalid configuration: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  const e = parsed.data;
  return e[S.authMode] === 'hs256'
    ? ({ kind: 'hs256', secret: required(e[S.authHs256Secret], S.authHs256Secret), issuer: e[S.authIssuer], audience: e[S.authAudience] } as const)
    : ({ kind: 'entra', issuer: required(present[S.authIssuer], S.authIssuer), audience: required(present[S.authAudience], S.authAudience) } as const);
}
