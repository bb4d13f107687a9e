/**
 * Every app setting / environment variable the code reads, in one place.
 *
 * The same names appear in `local.settings.sample.json` and in the Bicep app settings
 * (`infra/`); a test cross-checks the three. Add a setting here first, then to both.
 */
export const Settings = {
  /** `sqlite` (embedded default) or `mssql` (Azure SQL). */
  dbKind: 'EXPORT_DB_KIND',
  /** SQLite file path (embedded). */
  sqlitePath: 'EXPORT_SQLITE_PATH',
  /** Azure SQL server host name, e.g. `myserver.database.windows.net`. */
  sqlServer: 'EXPORT_SQL_SERVER',
  /** Azure SQL database name. */
  sqlDatabase: 'EXPORT_SQL_DATABASE',
  /** `memory` (in-process, embedded) or `servicebus`. */
  queueKind: 'EXPORT_QUEUE_KIND',
  /** Service Bus queue name (also used by the trigger binding as %EXPORT_QUEUE_NAME%). */
  queueName: 'EXPORT_QUEUE_NAME',
  /** Identity-based Service Bus connection (Functions convention `<prefix>__fullyQualifiedNamespace`). */
  serviceBusNamespace: 'ServiceBusConnection__fullyQualifiedNamespace',
  /** Service Bus connection string (optional; local tooling only — production uses managed identity). */
  serviceBusConnectionString: 'EXPORT_SERVICEBUS_CONNECTION_STRING',
  /** Blob service URL for managed identity, e.g. `https://acct.blob.core.windows.net`. */
  blobAccountUrl: 'EXPORT_BLOB_ACCOUNT_URL',
  /** Blob connection string with account key (Azurite only). */
  blobConnectionString: 'EXPORT_BLOB_CONNECTION_STRING',
  /** Container that holds export files. */
  blobContainer: 'EXPORT_BLOB_CONTAINER',
  /** Client id of a user-assigned managed identity (optional; system-assigned when absent). */
  azureClientId: 'AZURE_CLIENT_ID',
  /** `hs256` (local dev tokens) or `entra` (production, JWKS). */
  authMode: 'EXPORT_AUTH_MODE',
  /** HS256 secret for local dev tokens (never set in Azure). */
  authHs256Secret: 'EXPORT_AUTH_HS256_SECRET',
  /** Expected token issuer. */
  authIssuer: 'EXPORT_AUTH_ISSUER',
  /** Expected token audience. */
  authAudience: 'EXPORT_AUTH_AUDIENCE',
  /** Hours a finished file is kept before the purge deletes it (default 24). */
  fileTtlHours: 'EXPORT_FILE_TTL_HOURS',
  /** Minutes a download SAS URL stays valid (default 15). */
  sasTtlMinutes: 'EXPORT_SAS_TTL_MINUTES',
  /** NCRONTAB schedule of the one timer in Azure: sweep + purge (Bicep default every 5 minutes). */
  purgeSchedule: 'EXPORT_PURGE_SCHEDULE',
  /** Seconds between purge/sweeper runs in the local host (default 60). */
  purgeIntervalSeconds: 'EXPORT_PURGE_INTERVAL_SECONDS',
  /** Maximum rows a PDF export may have (default 100000). */
  pdfRowCap: 'EXPORT_PDF_ROW_CAP',
  /** PDF page size, e.g. A4, LETTER (default A4). */
  pdfPageSize: 'EXPORT_PDF_PAGE_SIZE',
  /** `landscape` (default) or `portrait`. */
  pdfOrientation: 'EXPORT_PDF_ORIENTATION',
  /** Rows per XLSX sheet before continuing on a new one (default 1048576, Excel's limit). */
  xlsxSheetRowLimit: 'EXPORT_XLSX_SHEET_ROW_LIMIT',
  /** Attempts before a transiently failing job fails for good (default 5). */
  retryMaxAttempts: 'EXPORT_RETRY_MAX_ATTEMPTS',
  /** Base delay of the exponential backoff, seconds (default 5). */
  retryBaseSeconds: 'EXPORT_RETRY_BASE_SECONDS',
  /** Cap of the exponential backoff, seconds (default 600). */
  retryCapSeconds: 'EXPORT_RETRY_CAP_SECONDS',
  /** Seconds a worker's lease lasts without a heartbeat (default 120). */
  leaseSeconds: 'EXPORT_LEASE_SECONDS',
  /** Bytes per staged block, and so between checkpoints of a text export (default 4194304). */
  blockSizeBytes: 'EXPORT_BLOCK_SIZE_BYTES',
  /** Rows per dataset page read from the database (default 2000). */
  pageSize: 'EXPORT_PAGE_SIZE',
  /** Progress and the lease are written at least this often while an export runs, ms (default 1000). */
  progressIntervalMs: 'EXPORT_PROGRESS_INTERVAL_MS',
  /** A Pending job whose doorbell is this old is re-sent by the sweeper, seconds (default 60). */
  resendAfterSeconds: 'EXPORT_RESEND_AFTER_SECONDS',
  /** The sweeper also checks that jobs completed this recently still have their files, minutes (default 60). */
  reconcileWindowMinutes: 'EXPORT_RECONCILE_WINDOW_MINUTES',
  /** Exports the local host runs at once (default 2, like host.json maxConcurrentCalls). */
  localQueueConcurrency: 'EXPORT_LOCAL_QUEUE_CONCURRENCY',
  /** Deliveries before the in-process queue dead-letters a message (default 5, like the Service Bus queue). */
  localMaxDeliveryCount: 'EXPORT_LOCAL_MAX_DELIVERY_COUNT',
  /** `true` (default): the local host's Azurite saves its metadata before answering a write; `false`: Azurite's own 5 s autosave. */
  azuriteDurableWrites: 'EXPORT_AZURITE_DURABLE_WRITES',
  /** Worker threads that read and encode export pages (default 2; 0 = on the request thread). */
  workerThreads: 'EXPORT_WORKER_THREADS',
  /** Application Insights connection string (set by the platform in Azure). */
  appInsightsConnectionString: 'APPLICATIONINSIGHTS_CONNECTION_STRING',
  /** Local host HTTP port (default 7071). */
  port: 'PORT',
  /** Rows of demo sessions per organization when seeding (default 20000). */
  seedSessions: 'SEED_SESSIONS',
  /** Demo users per organization when seeding (default 500). */
  seedUsers: 'SEED_USERS',
  /** Longest date range of one export, days (default 366). */
  maxDateSpanDays: 'EXPORT_MAX_DATE_SPAN_DAYS',
  /** Most rows of one export, any format, counted before it is queued (default 1000000). */
  maxRows: 'EXPORT_MAX_ROWS',
  /** Pending + Processing jobs one organization may have (default 20). */
  maxActiveJobsPerOrg: 'EXPORT_MAX_ACTIVE_JOBS_PER_ORG',
  /** Pending + Processing jobs one user may have (default 5). */
  maxActiveJobsPerUser: 'EXPORT_MAX_ACTIVE_JOBS_PER_USER',
  /** Exports (create, retry, legacy download) one user may start per minute (default 10). */
  createRatePerMinute: 'EXPORT_CREATE_RATE_PER_MINUTE',
  /** Most rows of a legacy synchronous download (default 10000). */
  syncRowCap: 'EXPORT_SYNC_ROW_CAP',
  /** Files larger than this many bytes are downloaded by a 303 to a SAS URL instead of through the API (default 4194304). */
  downloadRedirectBytes: 'EXPORT_DOWNLOAD_REDIRECT_BYTES',
  /** Days an audit record is kept (default 365). */
  auditRetentionDays: 'EXPORT_AUDIT_RETENTION_DAYS',
  /** Longest token lifetime (exp − iat) accepted, seconds (default 86400). */
  authMaxTokenLifetimeSeconds: 'EXPORT_AUTH_MAX_TOKEN_LIFETIME_SECONDS',
  /** Browser origins the local host answers CORS for, comma-separated (Azure: the Function App's CORS). */
  corsOrigins: 'EXPORT_CORS_ORIGINS',
  /** Longest life of one Server-Sent Events stream, seconds (default 180, under Azure's 230 s front-end limit); the client reconnects. */
  eventsMaxSeconds: 'EXPORT_EVENTS_MAX_SECONDS',
  /** Service Bus queue of webhook deliveries (default export-webhooks; the trigger uses %EXPORT_WEBHOOK_QUEUE_NAME%). */
  webhookQueueName: 'EXPORT_WEBHOOK_QUEUE_NAME',
  /** Attempts before a webhook delivery is Failed for good (default 8). */
  webhookMaxAttempts: 'EXPORT_WEBHOOK_MAX_ATTEMPTS',
  /** First retry delay of a webhook delivery, doubled per attempt up to an hour, seconds (default 30). */
  webhookRetryBaseSeconds: 'EXPORT_WEBHOOK_RETRY_BASE_SECONDS',
  /** `true`: deliver webhooks to loopback addresses (the embedded host's tests only; refused with Azure settings). */
  webhookAllowLoopback: 'EXPORT_WEBHOOK_ALLOW_LOOPBACK',
} as const;

export type SettingName = (typeof Settings)[keyof typeof Settings];
