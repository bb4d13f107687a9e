import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../shared/config/config.js';

const secret = 'x'.repeat(40);
const azurite = 'DefaultEndpointsProtocol=http;AccountName=a;AccountKey=a2V5;BlobEndpoint=http://127.0.0.1:1/a;';

describe('configuration', () => {
  it('defaults to the embedded setup', () => {
    const c = loadConfig({ EXPORT_AUTH_HS256_SECRET: secret, EXPORT_BLOB_CONNECTION_STRING: azurite });
    expect(c.db).toEqual({ kind: 'sqlite', path: '.data/export.db' });
    expect(c.queue.kind).toBe('memory');
    expect(c.files).toEqual({ ttlHours: 24, sasTtlMinutes: 15 });
    expect(c.retry).toEqual({ maxAttempts: 5, baseSeconds: 5, capSeconds: 600 });
  });

  it('describes the Azure setup from app settings', () => {
    const c = loadConfig({
      EXPORT_DB_KIND: 'mssql',
      EXPORT_SQL_SERVER: 'srv.database.windows.net',
      EXPORT_SQL_DATABASE: 'exports',
      EXPORT_QUEUE_KIND: 'servicebus',
      ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net',
      EXPORT_BLOB_ACCOUNT_URL: 'https://acct.blob.core.windows.net',
      EXPORT_AUTH_MODE: 'entra',
      EXPORT_AUTH_ISSUER: 'https://login.microsoftonline.com/t/v2.0',
      EXPORT_AUTH_AUDIENCE: 'api://portal-export',
      AZURE_CLIENT_ID: 'cid',
    });
    expect(c.db).toEqual({ kind: 'mssql', server: 'srv.database.windows.net', database: 'exports', clientId: 'cid' });
    expect(c.blob).toMatchObject({ kind: 'tokenCredential', accountUrl: 'https://acct.blob.core.windows.net' });
    expect(c.auth).toEqual({
      kind: 'entra',
      issuer: 'https://login.microsoftonline.com/t/v2.0',
      audience: 'api://portal-export',
      maxLifetimeSeconds: 86400,
    });
  });

  it.each([
    [{ EXPORT_BLOB_CONNECTION_STRING: azurite }, 'EXPORT_AUTH_HS256_SECRET'],
    [{ EXPORT_AUTH_HS256_SECRET: 'short', EXPORT_BLOB_CONNECTION_STRING: azurite }, 'at least 32'],
    [{ EXPORT_AUTH_HS256_SECRET: secret }, 'EXPORT_BLOB_ACCOUNT_URL or EXPORT_BLOB_CONNECTION_STRING'],
    [{ EXPORT_AUTH_HS256_SECRET: secret, EXPORT_BLOB_CONNECTION_STRING: azurite, EXPORT_DB_KIND: 'mssql' }, 'EXPORT_SQL_SERVER'],
    [
      { EXPORT_AUTH_HS256_SECRET: secret, EXPORT_BLOB_CONNECTION_STRING: azurite, EXPORT_QUEUE_KIND: 'servicebus' },
      'ServiceBusConnection__fullyQualifiedNamespace',
    ],
    [{ EXPORT_BLOB_CONNECTION_STRING: azurite, EXPORT_AUTH_MODE: 'entra' }, 'EXPORT_AUTH_ISSUER'],
    [
      { EXPORT_AUTH_HS256_SECRET: secret, EXPORT_BLOB_CONNECTION_STRING: azurite, EXPORT_FILE_TTL_HOURS: '-1' },
      'EXPORT_FILE_TTL_HOURS',
    ],
  ])('fails fast and names the setting (%#)', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('lets only the embedded host deliver webhooks to loopback (the local receiver), never an Azure setup', () => {
    const local = { EXPORT_AUTH_HS256_SECRET: secret, EXPORT_BLOB_CONNECTION_STRING: azurite };
    expect(loadConfig(local).webhooks.allowLoopback).toBe(false);
    expect(loadConfig({ ...local, EXPORT_WEBHOOK_ALLOW_LOOPBACK: 'true' }).webhooks.allowLoopback).toBe(true);
    for (const azure of [
      { EXPORT_QUEUE_KIND: 'servicebus', ServiceBusConnection__fullyQualifiedNamespace: 'ns.servicebus.windows.net' },
      { EXPORT_AUTH_MODE: 'entra', EXPORT_AUTH_ISSUER: 'https://i', EXPORT_AUTH_AUDIENCE: 'api://a' },
      { EXPORT_DB_KIND: 'mssql', EXPORT_SQL_SERVER: 's', EXPORT_SQL_DATABASE: 'd' },
    ]) {
      expect(() => loadConfig({ ...local, ...azure, EXPORT_WEBHOOK_ALLOW_LOOPBACK: 'true' })).toThrow(/embedded host only/);
    }
    expect(() => loadConfig({ ...local, EXPORT_WEBHOOK_ALLOW_LOOPBACK: 'yes' })).toThrow(/EXPORT_WEBHOOK_ALLOW_LOOPBACK/);
  });

  it('never echoes a secret value in its errors', () => {
    let error: unknown;
    try {
      loadConfig({ EXPORT_AUTH_HS256_SECRET: 'hunter2-short', EXPORT_BLOB_CONNECTION_STRING: azurite });
    } catch (e) {
      error = e;
    }
    // It must throw (a short secret is refused), name the setting, and never show the value.
    expect(error).toBeInstanceOf(Error);
    expect(String(error)).toContain('EXPORT_AUTH_HS256_SECRET');
    expect(String(error)).not.toContain('hunter2');
  });
});
