import type { HttpResponseInit } from '@azure/functions';
import { openDownload, redirectDownload, redirects, streamDownload } from '../shared/app/serveDownload.js';
import { AppError } from '../shared/domain/errors.js';
import { problem } from '../shared/http/problem.js';
import { etagOf, notModified, rangeOf } from '../shared/http/range.js';
import { httpFunction } from '../shared/host/httpFunction.js';

/**
 * GET|HEAD /api/export-jobs/{id}/download → the file (409 not yet Completed, 410 Expired): one
 * `Range` (206, or 416 past the end), an ETag from the sha256 (`If-None-Match` → 304, `If-Range`),
 * and above EXPORT_DOWNLOAD_REDIRECT_BYTES a 303 to a fresh read-only SAS URL instead of streaming
 * through the Functions host (see serveDownload.ts). HEAD answers what GET would, without a body. A file lost before its expiry
 * is never served: 503 FILE_REGENERATING while it is made again.
 */
export const downloadExportFunction = httpFunction({
  name: 'downloadExport',
  methods: ['GET', 'HEAD'],
  route: 'export-jobs/{id}/download',
  async run({ services, principal, request, origin, requestId, log }): Promise<HttpResponseInit> {
    const job = await openDownload(services, principal, request.params.id ?? '');
    const etag = etagOf(job.sha256 ?? job.id);
    const headers: Record<string, string> = {
      'Content-Type': job.contentType,
      'Content-Disposition': `attachment; filename="${job.fileName}"`,
      'Cache-Control': 'private, no-store',
      'Accept-Ranges': 'bytes',
      ETag: etag,
      ...(job.sha256 ? { 'Repr-Digest': `sha-256=:${Buffer.from(job.sha256, 'hex').toString('base64')}:` } : {}),
    };
    if (notModified(request.headers.get('if-none-match'), etag)) return { status: 304, headers: { ETag: etag } };
    if (redirects(job, services.policy)) {
      return { status: 303, headers: { Location: await redirectDownload(services, principal, job, origin, log), ETag: etag } };
    }
    const range = rangeOf(request.headers.get('range'), job.sizeBytes, request.headers.get('if-range'), etag);
    if (range.kind === 'unsatisfiable') {
      const refused = problem(
        new AppError('RANGE_NOT_SATISFIABLE', `The file has ${job.sizeBytes} bytes; the requested range is outside it.`),
        new URL(request.url).pathname,
        requestId,
      );
      return {
        ...refused,
        headers: { ...(refused.headers as Record<string, string>), 'Content-Range': `bytes */${job.sizeBytes}` },
      };
    }
    const part = range.kind === 'partial' ? { offset: range.offset, count: range.count } : undefined;
    const length = part ? part.count : job.sizeBytes;
    const status = part ? 206 : 200;
    const partHeaders: Record<string, string> = part
      ? { 'Content-Range': `bytes ${part.offset}-${part.offset + part.count - 1}/${job.sizeBytes}` }
      : {};
    if (request.method === 'HEAD') {
      return { status, headers: { ...headers, ...partHeaders, 'Content-Length': String(length) } };
    }
    const { stream, contentLength } = await streamDownload(services, principal, job, part, origin, log);
    return { status, body: stream, headers: { ...headers, ...partHeaders, 'Content-Length': String(contentLength) } };
  },
});
