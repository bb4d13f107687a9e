import { z } from 'zod';
import { dataTypes } from '../domain/datasets.js';
import { AppError } from '../domain/errors.js';
import { jobStatuses, type ExportJob } from '../domain/job.js';
import { MAX_PAGE_SIZE } from '../domain/limits.js';
import { listScope, type Principal } from '../domain/principal.js';
import { requireRole } from './findVisibleJob.js';
import type { Services } from './services.js';
import { toDetails } from './exportRequest.js';
import { decodePageCursor, encodePageCursor } from './pageCursor.js';

/** The query of `GET /api/export-jobs` (strict: unknown parameters are errors). */
export const listQuerySchema = z.strictObject({
  status: z.enum(jobStatuses).optional().meta({ description: 'Only jobs in this status.' }),
  dataType: z.enum(dataTypes).optional().meta({ description: 'Only exports of this dataset.' }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_PAGE_SIZE)
    .default(20)
    .meta({ description: `Page size, 1–${MAX_PAGE_SIZE}.` }),
  cursor: z.string().max(200).optional().meta({ description: 'The `nextCursor` of the previous page.' }),
});

/** The caller's jobs, newest first, one page at a time (keyset cursor). */
export async function listExportJobs(
  services: Pick<Services, 'repo'>,
  principal: Principal,
  query: Readonly<Record<string, string>>,
): Promise<{ items: ExportJob[]; nextCursor: string | null }> {
  requireRole(principal);
  const parsed = listQuerySchema.safeParse(query);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The query is invalid.', { details: toDetails(parsed.error) });
  }
  const wanted = parsed.data;
  const rows = await services.repo.list({
    ...listScope(principal),
    ...(wanted.status ? { status: wanted.status } : {}),
    ...(wanted.dataType ? { dataType: wanted.dataType } : {}),
    limit: wanted.limit + 1,
    ...(wanted.cursor ? { after: decodePageCursor(wanted.cursor) } : {}),
  });
  const items = rows.slice(0, wanted.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > wanted.limit && last ? encodePageCursor(last) : null };
}
