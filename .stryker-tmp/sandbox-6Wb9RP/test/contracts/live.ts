// @ts-nocheck
import { afterAll, describe, it } from 'vitest';
import { migrate, openMssql, type SqlHandle } from '../../shared/adapters/sql/connect.js';

/**
 * Environment variables that point the contract suites at real Azure resources. Unset (the default
 * on developer machines and in CI), the Azure variants are skipped with the reason printed.
 *
 * Authentication is Entra ID through DefaultAzureCredential (`az login`, a workload identity or a
 * managed identity; AZURE_CLIENT_ID picks a user-assigned one) — no keys, like production.
 *
 * - EXPORT_TEST_MSSQL_SERVER, EXPORT_TEST_MSSQL_DATABASE: an Azure SQL database used only by tests.
 *   The identity needs db_ddladmin + db_datareader + db_datawriter (migrations run on first use).
 *   Tests insert rows under fresh random ids and delete them afterwards.
 * - EXPORT_TEST_SERVICEBUS_QUEUE plus EXPORT_TEST_SERVICEBUS_NAMESPACE (e.g. `ns.servicebus.windows.net`,
 *   identity needs Azure Service Bus Data Owner) or EXPORT_TEST_SERVICEBUS_CONNECTION_STRING: a
 *   dedicated, empty queue with duplicate detection enabled. Tests complete every message they receive.
 * - EXPORT_TEST_BLOB_ACCOUNT_URL, e.g. `https://acct.blob.core.windows.net`: the identity needs
 *   Storage Blob Data Contributor (includes generating user delegation keys). Each run creates a
 *   uniquely named container and deletes it.
 */
export const LiveEnv = {
  mssqlServer: 'EXPORT_TEST_MSSQL_SERVER',
  mssqlDatabase: 'EXPORT_TEST_MSSQL_DATABASE',
  serviceBusNamespace: 'EXPORT_TEST_SERVICEBUS_NAMESPACE',
  serviceBusConnectionString: 'EXPORT_TEST_SERVICEBUS_CONNECTION_STRING',
  serviceBusQueue: 'EXPORT_TEST_SERVICEBUS_QUEUE',
  blobAccountUrl: 'EXPORT_TEST_BLOB_ACCOUNT_URL',
} as const;

/** Reads one of the variables above; tests are the only code besides config that reads the environment. */
export const liveValue = (name: (typeof LiveEnv)[keyof typeof LiveEnv]): string | undefined => {
  const v = process.env[name];
  return v === undefined || v.trim() === '' ? undefined : v.trim();
};

/**
 * `describe` that runs only when `missing` is empty; otherwise registers one skipped test whose
 * title carries the reason and prints it, so the run output says why the Azure variant did not run.
 */
export function describeLive(title: string, missing: readonly string[], body: () => void): void {
  if (missing.length === 0) {
    describe(title, body);
    return;
  }
  const reason = `skipped: set ${missing.join(' and ')} to run against real Azure resources`;
  console.warn(`[${title}] ${reason}`);
  describe(title, () => {
    it.skip(reason, () => undefined);
  });
}

/** Names of the variables in `names` that are unset. */
export const unset = (...names: (typeof LiveEnv)[keyof typeof LiveEnv][]): string[] => names.filter((n) => !liveValue(n));

/**
 * One migrated Azure SQL pool per test file, opened on first use and closed after the file.
 * Call inside a `describeLive` body.
 */
export function liveMssql(): () => Promise<SqlHandle> {
  let opened: Promise<SqlHandle> | undefined;
  afterAll(async () => {
    if (opened) await (await opened).db.destroy();
  });
  return () =>
    (opened ??= openMssql({
      server: liveValue(LiveEnv.mssqlServer) as string,
      database: liveValue(LiveEnv.mssqlDatabase) as string,
      poolMax: 4,
    }).then(async (h) => {
      await migrate(h);
      return h;
    }));
}
