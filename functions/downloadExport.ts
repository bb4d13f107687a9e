import { downloadExport } from '../shared/app/downloadExport.js';
import { httpFunction } from '../shared/host/httpFunction.js';

/** GET /api/export-jobs/{id}/download → streams the file (409 not yet Completed, 410 Expired, 503 being made again). */
export const downloadExportFunction = httpFunction({
  name: 'downloadExport',
  methods: ['GET'],
  route: 'export-jobs/{id}/download',
  async run({ services, principal, request, log }) {
    const { job, stream, contentLength } = await downloadExport(services, principal, request.params.id ?? '', log);
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
  },
});
