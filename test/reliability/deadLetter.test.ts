import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { InvocationContext } from '@azure/functions';
import { inProcessQueue } from '../../shared/adapters/queue/inProcessQueue.js';
import { installServices } from '../../shared/host/runtime.js';
import { consumeQueue } from '../../local/functionHost.js';
import { deadLetterExportQueue } from '../../functions/deadLetterExport.js';
import '../../functions/processExport.js';
import { processExport } from '../../shared/app/processExport.js';
import { silentLogger } from '../../shared/adapters/log/jsonLogger.js';
import { around, sqliteBusy } from './support/ports.js';
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
  afterEach(() => installServices(undefined));
  afterAll(async () => env?.cleanup());

  it('fails the job with DEAD_LETTERED after maxDeliveryCount failed deliveries (queue wired like the local host)', async () => {
    const { job, message } = await env.newJob(exportBody('csv'));
    // The database refuses every claim: processExport throws, so each delivery is abandoned.
    let claims = 0;
    const repo = around(env.deps().repo, {
      claim: async () => {
        claims++;
        throw sqliteBusy('claim');
      },
    });
    installServices({ ...env.services, deps: env.deps({ repo }) });
    const queue = inProcessQueue({ maxDeliveryCount: 3, concurrency: 1 });
    const lines: string[] = [];
    consumeQueue(queue, (level, msg) => void lines.push(`${level} ${msg}`));
    await queue.send(message);
    await queue.idle();
    await queue.close();

    expect(claims).toBe(3);
    const failed = (await env.services.deps.repo.get(job.id))!;
    expect(failed.status).toBe('Failed');
    expect(failed.error?.code).toBe('DEAD_LETTERED');
    expect(failed.error?.message).toContain('MaxDeliveryCountExceeded: The database is temporarily unavailable.');
    expect(failed.error?.message).toMatch(/Retry it or contact support/);
    expect(lines.some((l) => l.startsWith('warn export.dead-lettered'))).toBe(true);
    // A late doorbell cannot revive it.
    expect(await processExport(env.deps(), message, silentLogger)).toBe('skipped');
  });

  it('fails a job through the registered dead-letter function with the reason from the trigger metadata', async () => {
    installServices(env.services);
    const { job, message } = await env.newJob(exportBody('json'));
    const ctx = new InvocationContext({
      logHandler: () => undefined,
      triggerMetadata: { deadLetterReason: 'MaxDeliveryCountExceeded', deadLetterErrorDescription: 'Lock lost\r\nthree times' },
    });
    await deadLetterExportQueue(JSON.stringify(message), ctx);
    const failed = (await env.services.deps.repo.get(job.id))!;
    expect(failed).toMatchObject({ status: 'Failed', error: { code: 'DEAD_LETTERED' } });
    expect(failed.error?.message).toBe(
      'The export could not be processed (MaxDeliveryCountExceeded: Lock lost three times). Retry it or contact support.',
    );
  });

  it('leaves a job that already finished alone, and drops a malformed dead letter', async () => {
    installServices(env.services);
    const { job, message } = await env.newJob(exportBody('ndjson'));
    expect(await processExport(env.deps(), message, silentLogger)).toBe('completed');
    const done = (await env.services.deps.repo.get(job.id))!;
    const ctx = () =>
      new InvocationContext({ logHandler: () => undefined, triggerMetadata: { deadLetterReason: 'TTLExpiredException' } });
    await deadLetterExportQueue(message, ctx());
    await deadLetterExportQueue('{"not":"a job"}', ctx());
    expect(await env.services.deps.repo.get(job.id)).toEqual(done);
  });
});
