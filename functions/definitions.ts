import type { FunctionDefinition } from '../shared/host/functionDefinition.js';
import { cancelExportJobFunction } from './cancelExportJob.js';
import { createExportJobFunction } from './createExportJob.js';
import { deadLetterExportFunction } from './deadLetterExport.js';
import { downloadExportFunction } from './downloadExport.js';
import { getExportJobFunction } from './getExportJob.js';
import { listExportJobsFunction } from './listExportJobs.js';
import { processExportFunction } from './processExport.js';
import { retryExportJobFunction } from './retryExportJob.js';
import { sweepOutboxFunction } from './sweepOutbox.js';
import { getExportJobAuditFunction } from './getExportJobAudit.js';
import { legacySessionsExportFunction } from './legacySessionsExport.js';
import { legacyUsersExportFunction } from './legacyUsersExport.js';
import { legacyAnalyticsExportFunction } from './legacyAnalyticsExport.js';
import { adminDashboardExportFunction } from './adminDashboardExport.js';
import { openApiDocumentFunction } from './openApiDocument.js';
import { exportJobEventsFunction } from './exportJobEvents.js';
import { createWebhookFunction } from './createWebhook.js';
import { listWebhooksFunction } from './listWebhooks.js';
import { deleteWebhookFunction } from './deleteWebhook.js';
import { rotateWebhookSecretFunction } from './rotateWebhookSecret.js';
import { listWebhookDeliveriesFunction } from './listWebhookDeliveries.js';
import { deliverWebhookFunction } from './deliverWebhook.js';

/**
 * Every function of the app — the one route table. The Functions host entry (index.ts) and the
 * local host (local/functionHost.ts) register exactly this list. Adding a function: write it in its
 * own file as the others are, then list it here.
 */
export const functionDefinitions: readonly FunctionDefinition[] = [
  createExportJobFunction,
  listExportJobsFunction,
  getExportJobFunction,
  downloadExportFunction,
  cancelExportJobFunction,
  retryExportJobFunction,
  processExportFunction,
  deadLetterExportFunction,
  sweepOutboxFunction,
  getExportJobAuditFunction,
  legacySessionsExportFunction,
  legacyUsersExportFunction,
  legacyAnalyticsExportFunction,
  adminDashboardExportFunction,
  openApiDocumentFunction,
  exportJobEventsFunction,
  createWebhookFunction,
  listWebhooksFunction,
  deleteWebhookFunction,
  rotateWebhookSecretFunction,
  listWebhookDeliveriesFunction,
  deliverWebhookFunction,
];
