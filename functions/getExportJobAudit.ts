import { getExportJobAudit } from '../shared/app/getExportJobAudit.js';
import { httpFunction, json } from '../shared/host/httpFunction.js';

/** GET /api/export-jobs/{id}/audit → the job's audit trail, oldest first (Admins of its organization, SuperAdmins). */
export const getExportJobAuditFunction = httpFunction({
  name: 'getExportJobAudit',
  methods: ['GET'],
  route: 'export-jobs/{id}/audit',
  async run({ services, principal, request }) {
    return json(
      200,
      await getExportJobAudit(services, principal, request.params.id ?? '', Object.fromEntries(request.query.entries())),
    );
  },
});
