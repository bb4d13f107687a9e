import { z } from 'zod';
import { dataTypes, datasets } from '../domain/datasets.js';
import { compressions, formatInfo, formats } from '../domain/formats.js';
import type { ExportRequest } from '../domain/job.js';
import { AppError, type ProblemDetail } from '../domain/errors.js';
import { GUID_PATTERN, isGuid } from '../domain/ids.js';
import { isSupportedDate, SUPPORTED_DATES } from '../domain/dates.js';

export { isGuid };

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30) within the supported range. */
export const calendarDate = z
  .string()
  .max(10)
  .refine(
    (s) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
      const date = new Date(`${s}T00:00:00.000Z`);
      return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === s;
    },
    { message: 'must be a calendar date YYYY-MM-DD' },
  )
  .refine((s) => !/^\d{4}-\d{2}-\d{2}$/.test(s) || isSupportedDate(s), {
    message: `must be between ${SUPPORTED_DATES.min} and ${SUPPORTED_DATES.max}`,
  })
  .meta({
    format: 'date',
    description: `A calendar date (UTC), ${SUPPORTED_DATES.min} … ${SUPPORTED_DATES.max}.`,
    examples: ['2026-01-31'],
  });

/** The longest excerpt of a client's input a problem repeats. */
export const EXCERPT_CHARS = 40;
/** A short, safe excerpt of client input for a problem message. */
export const excerpt = (s: string): string => (s.length > EXCERPT_CHARS ? `${s.slice(0, EXCERPT_CHARS)}…` : s);

/** The body of `POST /api/export-jobs`. Strict: unknown fields are errors. */
export const exportRequestBody = z
  .strictObject({
    dataType: z.enum(dataTypes),
    format: z.enum(formats),
    dateRange: z.strictObject({ from: calendarDate, to: calendarDate }),
    filters: z
      .strictObject({
        userId: z.string().min(1).max(128).optional(),
        organizationId: z.string().regex(new RegExp(GUID_PATTERN, 'i'), 'must be a GUID').optional(),
      })
      .optional(),
    columns: z.array(z.string().max(64)).min(1).max(64).optional(),
    compression: z.enum(compressions).optional(),
    csv: z
      .strictObject({
        delimiter: z.enum([',', ';', '\t']).optional(),
        includeBom: z.boolean().optional(),
      })
      .optional(),
  })
  .superRefine((body, ctx) => {
    if (body.dateRange.from > body.dateRange.to) {
      ctx.addIssue({ code: 'custom', path: ['dateRange'], message: 'from must not be after to' });
    }
    const dataset = datasets[body.dataType];
    const valid = dataset.columns.map((c) => c.name);
    body.columns?.forEach((name, i) => {
      if (!valid.includes(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['columns', i],
          message: `unknown column "${excerpt(name)}" for ${body.dataType}; valid: ${valid.join(', ')}`,
        });
      }
    });
    if (body.columns && new Set(body.columns).size !== body.columns.length) {
      ctx.addIssue({ code: 'custom', path: ['columns'], message: 'columns must not repeat' });
    }
    if (body.compression === 'gzip' && !formatInfo[body.format].gzippable) {
      ctx.addIssue({ code: 'custom', path: ['compression'], message: `gzip is not available for ${body.format}` });
    }
    if (body.csv && body.format !== 'csv') {
      ctx.addIssue({ code: 'custom', path: ['csv'], message: 'csv options apply to format "csv" only' });
    }
  });

/** At most this many problems are listed (a body with thousands of bad fields gets the first ones). */
export const MAX_DETAILS = 20;

/**
 * Every problem as `{ field, message }`, bounded: the field path and message are cut to a short
 * excerpt (zod repeats unknown keys verbatim), and at most MAX_DETAILS are listed.
 */
export function toDetails(error: z.ZodError): ProblemDetail[] {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
  return error.issues.slice(0, MAX_DETAILS).map((i) => ({
    field: i.path.length ? cut(i.path.map(String).join('.'), 80) : '(body)',
    message: cut(i.message, 300),
  }));
}

/** Parses an untrusted body into an ExportRequest, or throws VALIDATION_FAILED listing every problem. */
export function parseExportRequest(body: unknown): ExportRequest {
  const parsed = exportRequestBody.safeParse(body);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The export request is invalid.', { details: toDetails(parsed.error) });
  }
  const request = parsed.data;
  return {
    dataType: request.dataType,
    format: request.format,
    dateRange: request.dateRange,
    // One organization is one tenant however its id is spelt.
    filters: {
      ...request.filters,
      ...(request.filters?.organizationId ? { organizationId: request.filters.organizationId.toLowerCase() } : {}),
    },
    ...(request.columns ? { columns: request.columns } : {}),
    compression: request.compression ?? 'none',
    csv: { delimiter: request.csv?.delimiter ?? ',', includeBom: request.csv?.includeBom ?? true },
  };
}
