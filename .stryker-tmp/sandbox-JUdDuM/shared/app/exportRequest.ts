// @ts-nocheck
import { z } from 'zod';
import { dataTypes, datasets } from '../domain/datasets.js';
import { compressions, formatInfo, formats } from '../domain/formats.js';
import type { ExportRequest } from '../domain/job.js';
import { AppError, type ProblemDetail } from '../domain/errors.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string): boolean => GUID.test(s);

/** A real calendar date `YYYY-MM-DD` (rejects 2026-02-30). */
const calendarDate = z.string().refine(
  (s) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
    const d = new Date(`${s}T00:00:00.000Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  },
  { message: 'must be a calendar date YYYY-MM-DD' },
);

/** The body of `POST /api/export-jobs`. Strict: unknown fields are errors. */
export const exportRequestBody = z
  .strictObject({
    dataType: z.enum(dataTypes),
    format: z.enum(formats),
    dateRange: z.strictObject({ from: calendarDate, to: calendarDate }),
    filters: z
      .strictObject({
        userId: z.string().min(1).max(128).optional(),
        organizationId: z.string().regex(GUID, 'must be a GUID').optional(),
      })
      .optional(),
    columns: z.array(z.string()).min(1).max(64).optional(),
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
          message: `unknown column "${name}" for ${body.dataType}; valid: ${valid.join(', ')}`,
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

export function toDetails(error: z.ZodError): ProblemDetail[] {
  return error.issues.map((i) => ({
    field: i.path.length ? i.path.map(String).join('.') : '(body)',
    message: i.message,
  }));
}

/** Parses an untrusted body into an ExportRequest, or throws VALIDATION_FAILED listing every problem. */
export function parseExportRequest(body: unknown): ExportRequest {
  const parsed = exportRequestBody.safeParse(body);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The export request is invalid.', { details: toDetails(parsed.error) });
  }
  const b = parsed.data;
  return {
    dataType: b.dataType,
    format: b.format,
    dateRange: b.dateRange,
    filters: { ...b.filters },
    ...(b.columns ? { columns: b.columns } : {}),
    compression: b.compression ?? 'none',
    csv: { delimiter: b.csv?.delimiter ?? ',', includeBom: b.csv?.includeBom ?? true },
  };
}
