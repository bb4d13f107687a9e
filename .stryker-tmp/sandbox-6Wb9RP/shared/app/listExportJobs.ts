// @ts-nocheck
import { z } from 'zod';
import { dataTypes } from '../domain/datasets.js';
import { AppError } from '../domain/errors.js';
import { jobStatuses, type ExportJob } from '../domain/job.js';
import { listScope, type Principal } from '../domain/principal.js';
import type { Services } from './services.js';
import { toDetails } from './exportRequest.js';

const cursorSchema = z.object({ c: z.string().max(40), i: z.string().max(40) });

const querySchema = z.strictObject({
  status: z.enum(jobStatuses).optional(),
  dataType: z.enum(dataTypes).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

function decodeCursor(s: string): { createdAt: string; id: string } {
  try {
    const c = cursorSchema.parse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return { createdAt: c.c, id: c.i };
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The cursor is invalid.', {
      details: [{ field: 'cursor', message: 'invalid cursor' }],
    });
  }
}

const encodeCursor = (j: ExportJob): string => Buffer.from(JSON.stringify({ c: j.createdAt, i: j.id })).toString('base64url');

/** The caller's jobs, newest first, one page at a time (keyset cursor). */
export async function listExportJobs(
  services: Pick<Services, 'repo'>,
  principal: Principal,
  query: Readonly<Record<string, string>>,
): Promise<{ items: ExportJob[]; nextCursor: string | null }> {
  const parsed = querySchema.safeParse(query);
  if (!parsed.success) {
    throw new AppError('VALIDATION_FAILED', 'The query is invalid.', { details: toDetails(parsed.error) });
  }
  const q = parsed.data;
  const rows = await services.repo.list({
    ...listScope(principal),
    ...(q.status ? { status: q.status } : {}),
    ...(q.dataType ? { dataType: q.dataType } : {}),
    limit: q.limit + 1,
    ...(q.cursor ? { after: decodeCursor(q.cursor) } : {}),
  });
  const items = rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor(last) : null };
}
