import { legacyDatasetFunction } from '../shared/host/legacyFunctions.js';

/** GET /api/dataexport/analytics?from&to&format=csv|json&userId&columns — legacy, synchronous, Admins and SuperAdmins. */
export const legacyAnalyticsExportFunction = legacyDatasetFunction('legacyAnalyticsExport', 'analytics');
