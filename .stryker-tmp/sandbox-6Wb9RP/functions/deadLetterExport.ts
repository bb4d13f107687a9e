// @ts-nocheck
import { z } from 'zod';
import { deadLetterExport } from '../shared/app/deadLetterExport.js';
import { Settings } from '../shared/config/settings.js';
import { DEAD_LETTER_SUFFIX } from '../shared/host/functionDefinition.js';
import { queueFunction } from '../shared/host/queueFunction.js';

/** Trigger on the queue's dead-letter sub-queue: the job ends Failed (DEAD_LETTERED) unless terminal. */
export const deadLetterExportFunction = queueFunction({
  name: 'deadLetterExport',
  connection: 'ServiceBusConnection',
  queueName: `%${Settings.queueName}%${DEAD_LETTER_SUFFIX}`,
  message: z.object({ jobId: z.string().uuid() }).passthrough(),
  async run({ services, message, log, metadata }) {
    const reason = [metadata.deadLetterReason, metadata.deadLetterErrorDescription]
      .filter((x) => typeof x === 'string' && x)
      .join(': ');
    await deadLetterExport(services, message.jobId, reason || 'dead-lettered', log);
  },
});
