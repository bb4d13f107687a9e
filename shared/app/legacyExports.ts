import { Readable } from 'node:stream';
import { z } from 'zod';
import { unknownOrigin, type RequestOrigin } from '../domain/audit.js';
import { dashboardColumns, dashboardRows, dashboardSummary, type DashboardSummary } from '../domain/dashboard.js';
import { datasets, selectColumns, type DataType, type Row } from '../domain/datasets.js';
import { AppError, type ProblemDetail } from '../domain/errors.js';
import { contentTypeFor, fileNameFor } from '../domain/formats.js';
import type { ExportRequest } from '../domain/job.js';
import type { RateLimitState } from '../domain/limits.js';
import { canUseLegacyExports, type Principal } from '../domain/principal.js';
import { writerFor } from './export/writers/registry.js';
import type { ExportMeta } from './export/writers/writer.js';
import { calendarDate, parseExportRequest, toDetails } from './exportRequest.js';
import { checkDateSpan, checkRate } from './limits.js';
import { recordAudit } from './recordAudit.js';
import type { Services } from './services.js';

/**
 * The legacy synchronous endpoints of the portal's API inventory (`/api/dataexport/*`,
 * `/api/admindashboard/export`), kept thin: the same validation, tenant-scoped DatasetSource,
 * writers, limits and audit trail as export jobs — only the file streams back in the response,
 * and only up to EXPORT_SYNC_ROW_CAP rows (larger requests are pointed at `POST /api/export-jobs`).
 */
export const legacyDatasetQuerySchema = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  format: z.enum(['csv', 'json']).default('csv').meta({ description: 'File format (default csv).' }),
  userId: z.string().min(1).max(128).optional().meta({ description: 'Only this user’s rows.' }),
  columns: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .meta({ description: 'Comma-separated column names, in the order wanted (default: all).' }),
});

export const legacyDashboardQuerySchema = z.strictObject({
  from: calendarDate,
  to: calendarDate,
  format: z.enum(['json', 'csv']).default('json').meta({ description: 'Summary as JSON (default) or CSV.' }),
});

// Stryker disable Regex,StringLiteral: equivalent. The query schema checks from, to and userId with
// the very rules of the body first, so parseExportRequest never names dateRange.from, dateRange.to or
// filters.userId here; the fields that do arrive ("dateRange", "columns…", "(body)") match the
// anchored patterns exactly as the unanchored ones. ("dateRange" → "from" is pinned by a test.)
/** The body field of an ExportRequest problem, named as the legacy query names it. */
const legacyField = (field: string): string =>
  field
    .replace(/^dateRange\.(from|to)$/, '$1')
    .replace(/^dateRange$/, 'from')
    .replace(/^filters\.userId$/, 'userId');
// Stryker restore Regex,StringLiteral

function parseQuery<T>(schema: z.ZodType<T>, query: Readonly<Record<string, string>>): T {
  const parsed = schema.safeParse(query);
  if (!parsed.success) throw new AppError('VALIDATION_FAILED', 'The query is invalid.', { details: toDetails(parsed.error) });
  return parsed.data;
}

function requireLegacyRole(principal: Principal): void {
  if (!canUseLegacyExports(principal)) {
    throw new AppError('FORBIDDEN', 'The legacy export endpoints are for Admins and SuperAdmins; use POST /api/export-jobs.');
  }
}

/** A synchronous download. */
export interface LegacyDownload {
  readonly fileName: string;
  readonly contentType: string;
  readonly rowCount: number;
  readonly stream: Readable;
  readonly rateLimit: RateLimitState;
}

/**
 * `GET /api/dataexport/{sessions|users|analytics}`: the caller's organization's rows, counted
 * first; above the synchronous cap a 413 whose problem carries the equivalent export-job request.
 */
export async function legacyDatasetExport(
  services: Services,
  principal: Principal,
  dataType: DataType,
  query: Readonly<Record<string, string>>,
  origin: RequestOrigin = unknownOrigin,
): Promise<LegacyDownload> {
  requireLegacyRole(principal);
  const wanted = parseQuery(legacyDatasetQuerySchema, query);
  const body = {
    dataType,
    format: wanted.format,
    dateRange: { from: wanted.from, to: wanted.to },
    ...(wanted.userId ? { filters: { userId: wanted.userId } } : {}),
    ...(wanted.columns ? { columns: wanted.columns.split(',').map((c) => c.trim()) } : {}),
  };
  let request: ExportRequest;
  try {
    request = parseExportRequest(body);
  } catch (e) {
    // Stryker disable next-line OptionalChaining: parseExportRequest throws only AppErrors, whose options default to {}
    const details = (e as AppError).options?.details?.map((d: ProblemDetail) => ({ ...d, field: legacyField(d.field) }));
    throw new AppError('VALIDATION_FAILED', 'The query is invalid.', details ? { details } : {});
  }
  checkDateSpan(services, request.dateRange, 'from');
  const organizationId = principal.organizationId;
  const snapshot = await services.source.snapshot();
  const scope = {
    dataType,
    organizationId,
    from: request.dateRange.from,
    to: request.dateRange.to,
    snapshot,
    ...(request.filters.userId ? { userId: request.filters.userId } : {}),
  };
  const rows = await services.source.count(scope);
  const cap = services.policy.limits.syncRowCap;
  if (rows > cap) {
    throw new AppError(
      'SYNC_EXPORT_TOO_LARGE',
      `This download has ${rows} rows; synchronous downloads are limited to ${cap}. Create an export job instead (see successor).`,
      { extensions: { successor: { method: 'POST', href: '/api/export-jobs', body } } },
    );
  }
  const rateLimit = await checkRate(services, principal);
  await recordAudit(
    services,
    principal,
    origin,
    'legacy-export',
    { jobId: null, organizationId },
    `${dataType} ${wanted.from}..${wanted.to} rows=${rows}`,
  );

  const dataset = datasets[dataType];
  const columns = selectColumns(dataset, request.columns);
  const meta: ExportMeta = {
    dataset,
    columns,
    organizationName: (await services.source.organizationName(organizationId)) ?? organizationId,
    organizationId,
    dateFrom: request.dateRange.from,
    dateTo: request.dateRange.to,
    generatedAt: services.clock.now().toISOString(),
  };
  const source = services.source.read({ ...scope, columns: columns.map((c) => c.name) });
  async function* batches(): AsyncIterable<readonly Row[]> {
    for await (const batch of source) yield batch.rows;
  }
  const writer = writerFor(request.format, request.csv, services.policy.writers);
  return {
    fileName: fileNameFor(dataType, request.format, request.dateRange.from, request.dateRange.to, 'none'),
    contentType: contentTypeFor(request.format, 'none'),
    rowCount: rows,
    stream: Readable.from(writer.write(batches(), meta)),
    rateLimit,
  };
}

/** The dashboard summary, as JSON or as a CSV file. */
export type DashboardExport =
  | { readonly format: 'json'; readonly summary: DashboardSummary; readonly rateLimit: RateLimitState }
  | { readonly format: 'csv'; readonly fileName: string; readonly csv: Buffer; readonly rateLimit: RateLimitState };

/** `GET /api/admindashboard/export`: the organization's summary over the range. */
export async function adminDashboardExport(
  services: Services,
  principal: Principal,
  query: Readonly<Record<string, string>>,
  origin: RequestOrigin = unknownOrigin,
): Promise<DashboardExport> {
  requireLegacyRole(principal);
  const wanted = parseQuery(legacyDashboardQuerySchema, query);
  if (wanted.from > wanted.to) {
    throw new AppError('VALIDATION_FAILED', 'The query is invalid.', {
      details: [{ field: 'from', message: 'from must not be after to' }],
    });
  }
  checkDateSpan(services, wanted, 'from');
  const rateLimit = await checkRate(services, principal);
  const organizationId = principal.organizationId;
  await recordAudit(
    services,
    principal,
    origin,
    'legacy-export',
    { jobId: null, organizationId },
    `dashboard ${wanted.from}..${wanted.to}`,
  );
  const totals = await services.source.dashboard({
    organizationId,
    from: wanted.from,
    to: wanted.to,
    snapshot: await services.source.snapshot(),
  });
  const summary = dashboardSummary(organizationId, wanted.from, wanted.to, totals);
  if (wanted.format === 'json') return { format: 'json', summary, rateLimit };
  const meta: ExportMeta = {
    // Stryker disable next-line StringLiteral: the summary is only ever written as CSV, which prints no title
    dataset: { dataType: 'analytics', title: 'Dashboard', columns: dashboardColumns },
    columns: dashboardColumns,
    organizationName: organizationId,
    organizationId,
    dateFrom: wanted.from,
    dateTo: wanted.to,
    generatedAt: services.clock.now().toISOString(),
  };
  async function* one(): AsyncIterable<readonly Row[]> {
    yield dashboardRows(summary);
  }
  const chunks: Uint8Array[] = [];
  for await (const chunk of writerFor('csv', { delimiter: ',', includeBom: true }, services.policy.writers).write(one(), meta))
    chunks.push(chunk);
  return { format: 'csv', fileName: `dashboard_${wanted.from}_${wanted.to}.csv`, csv: Buffer.concat(chunks), rateLimit };
}
