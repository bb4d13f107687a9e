import type { HttpRequest, HttpResponseInit, InvocationContext } from '@azure/functions';
import { openDownload } from '../shared/app/openDownload.js';
import { handleHttp } from '../shared/host/httpHandler.js';
import { registerHttp } from '../shared/host/registry.js';

/** GET /api/export-jobs/{id}/download → streams the file (409 not yet Completed, 410 Expired). */
export async function downloadExportHttp(req: HttpRequest, ctx: InvocationContext): Promise<HttpResponseInit> {
  return handleHttp(req, ctx, async ({ deps, principal }) => {
    const { job, stream, contentLength } = await openDownload(deps, principal, req.params.id ?? '');
    return {
      status: 200,
      body: stream,
      headers: {
        'Content-Type': job.contentType,
        'Content-Length': String(contentLength),
        'Content-Disposition': `attachment; filename="${job.fileName}"`,
        'Cache-Control': 'private, no-store',
        'X-Content-Type-Options': 'nosniff',
        ...(job.sha256 ? { 'Repr-Digest': `sha-256=:${Buffer.from(job.sha256, 'hex').toString('base64')}:` } : {}),
      },
    };
  });
}

registerHttp('downloadExport', {
  methods: ['GET'],
  route: 'export-jobs/{id}/download',
  authLevel: 'anonymous',
  handler: downloadExportHttp,
});
