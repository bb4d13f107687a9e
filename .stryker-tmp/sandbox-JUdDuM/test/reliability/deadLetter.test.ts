// @ts-nocheck
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import { inProcessQueue } from '../../shared/adapters/queue/inProcessQueue.js';
import { consumeQueue } from '../../local/functionHost.js';
import { functionDefinitions } from '../../functions/definitions.js';
import { deadLetterExportFunction } from '../../functions/deadLetterExport.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import type { Services } from '../../shared/app/services.js';
import { onTransitions, sqliteBusy } from './support/ports.js';
import { exportBody, reliabilityEnv, type ReliabilityEnv } from './support/reliabilityEnv.js';

/**
 * A doorbell that keeps failing ends in the dead-letter queue; its trigger turns the job Failed
 * with DEAD_LETTERED and the reason, so the client stops polling a job nothing will ever run.
 */
describe('dead letters', () => {
  let env: ReliabilityEnv;
  beforeAll(async () => {
    env = await reliabilityEnv({ users: 40, sessions: 300 });
  });
  const using = (services: Services) => () => Promise.resolve(services);
  afterAll(async () => env?.cleanup());

  it('fails the job with DEAD_LETTERED after maxDeliveryCount failed deliveries (queue wired like the local host)', async () => {
    const { job, message } = await env.newJob(exportBody('csv'));
    // The database refuses every claim: processExport throws, so each delivery is abandoned.
    let claims = 0;
    const repo = onTransitions(env.deps().repo, {
      claim: async () => {
        claims++;
        throw sqliteBusy('claim');
      },
    });
    const queue = inProcessQueue({ maxDeliveryCount: 3, concurrency: 1, clock: env.clock });
    const lines: string[] = [];
    consumeQueue(functionDefinitions, using(env.deps({ repo })), queue, (level, msg) => void lines.push(`${level} ${msg}`));
    await queue.send(message);
    await queue.idle();
    await queue.close();

    expect(claims).toBe(3);
    const failed = (await env.services.repo.get(job.id))!;
    expect(failed.status).toBe('Failed');
    expect(failed.lastError?.code).toBe('DEAD_LETTERED');
    expect(failed.lastError?.message).toContain('MaxDeliveryCountExceeded: The database is temporarily unavailable.');
    expect(failed.lastError?.message).toMatch(/Retry it or contact support/);
    expect(lines.some((l) => l.startsWith('warn export.dead-lettered'))).toBe(true);
    // A late doorbell cannot revive it.
    expect(await processExport(env.deps(), message, silentLogger)).toBe('skipped');
  });

  it('fails a job through the registered dead-letter function with the reason from the trigger metadata', async () => {
    const { job, message } = await env.newJob(exportBody('json'));
    const ctx = new InvocationContext({
      logHandler: () => undefined,
      triggerMetadata: { deadLetterReason: 'MaxDeliveryCountExceeded', deadLetterErrorDescription: 'Lock lost\r\nthree times' },
    });
    await deadLetterExportFunction.handler(JSON.stringify(message), ctx, using(env.services));
    const failed = (await env.services.repo.get(job.id))!;
    expect(failed).toMatchObject({ status: 'Failed', lastError: { code: 'DEAD_LETTERED' } });
    expect(failed.lastError?.message).toBe(
      'The export could not be processed (MaxDeliveryCountExceeded: Lock lost three times). Retry it or contact support.',
    );
  });

  it('leaves a job that already finished alone, and drops a malformed dead letter', async () => {
    const { job, message } = await env.newJob(exportBody('ndjson'));
    expect(await processExport(env.deps(), message, silentLogger)).toBe('completed');
    const done = (await env.services.repo.get(job.id))!;
    const ctx = () =>
      new InvocationContext({ logHandler: () => undefined, triggerMetadata: { deadLetterReason: 'TTLExpiredException' } });
    await deadLetterExportFunction.handler(message, ctx(), using(env.services));
    await deadLetterExportFunction.handler('{"not":"a job"}', ctx(), using(env.services));
    expect(await env.services.repo.get(job.id)).toEqual(done);
  });
});
