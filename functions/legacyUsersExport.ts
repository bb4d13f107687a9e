import { legacyDatasetFunction } from '../shared/host/legacyFunctions.js';

/** GET /api/dataexport/users?from&to&format=csv|json&userId&columns — legacy, synchronous, Admins and SuperAdmins. */
export const legacyUsersExportFunction = legacyDatasetFunction('legacyUsersExport', 'users');
