// @ts-nocheck
import { z } from 'zod';
import { processExport } from '../shared/app/processExport.js';
import { Settings } from '../shared/config/settings.js';
import { queueFunction } from '../shared/host/queueFunction.js';

/**
 * Service Bus trigger: one doorbell → one claim attempt. Returning completes the message; throwing
 * (only when the database is unreachable) abandons it for redelivery, then dead-lettering.
 */
export const processExportFunction = queueFunction({
  name: 'processExport',
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.queueName}%`,
  message: z.object({ jobId: z.string().uuid(), attempt: z.number().int().min(1) }),
  async run({ services, message, log }) {
    await processExport(services, message, log);
  },
});
