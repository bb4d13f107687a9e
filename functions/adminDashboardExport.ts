import { legacyDashboardFunction } from '../shared/host/legacyFunctions.js';

/** GET /api/admindashboard/export?from&to&format=json|csv — legacy dashboard summary, Admins and SuperAdmins. */
export const adminDashboardExportFunction = legacyDashboardFunction('adminDashboardExport');
