import { legacyDatasetFunction } from '../shared/host/legacyFunctions.js';

/** GET /api/dataexport/sessions?from&to&format=csv|json&userId&columns — legacy, synchronous, Admins and SuperAdmins. */
export const legacySessionsExportFunction = legacyDatasetFunction('legacySessionsExport', 'sessions');
