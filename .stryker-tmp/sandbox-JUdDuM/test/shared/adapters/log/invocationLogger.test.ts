// @ts-nocheck
import { InvocationContext } from '@azure/functions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { invocationLogger } from '../../../../shared/adapters/log/invocationLogger.js';
import { createExportJob } from '../../../../shared/app/createExportJob.js';
import { processExport } from '../../../../shared/app/processExport.js';
import type { Services } from '../../../../shared/app/services.js';
import { AppError } from '../../../../shared/domain/errors.js';
import type { Principal } from '../../../../shared/domain/principal.js';
import type { Logger } from '../../../../shared/ports/logger.js';
import { ACME, testEnv, type TestEnv } from '../../../support/testServices.js';

interface Line {
  readonly level: string;
  readonly text: string;
}

/** An InvocationContext whose log lines (what the Functions host sends to Application Insights) are kept. */
function capturingContext(invocationId = 'inv-1'): {
  ctx: InvocationContext;
  lines: Line[];
} {
  const lines: Line[] = [];
  const ctx = new InvocationContext({
    invocationId,
    functionName: 'processExport',
    logHandler: (level, ...args) => void lines.push({ level, text: args.map(String).join(' ') }),
  });
  return { ctx, lines };
}

/** `message {json}` → the JSON properties. */
const propsOf = (text: string): Record<string, unknown> =>
  JSON.parse(text.slice(text.indexOf(' {') + 1)) as Record<string, unknown>;

describe('invocationLogger', () => {
  it('writes "message {json}" through the invocation context, at the right level, with base and child properties', () => {
    const { ctx, lines } = capturingContext('inv-42');
    const log = invocationLogger(ctx, { deliveryCount: 2 }).child({
      jobId: 'j-1',
    });
    log.info('export.completed', { rows: 10 });
    log.warn('export.retry scheduled', { code: 'STORAGE_UNAVAILABLE' });
    log.error('export.error', { error: 'TypeError' });
    log.metric('export_rows', 10, { format: 'csv' });
    expect(lines.map((l) => l.level)).toEqual(['information', 'warning', 'error', 'information']);
    expect(lines[0]?.text.startsWith('export.completed {')).toBe(true);
    expect(propsOf(lines[0]?.text ?? '')).toEqual({
      invocationId: 'inv-42',
      deliveryCount: 2,
      jobId: 'j-1',
      rows: 10,
    });
    expect(lines[3]?.text.startsWith('metric export_rows {')).toBe(true);
    expect(propsOf(lines[3]?.text ?? '')).toMatchObject({
      metric: 'export_rows',
      value: 10,
      format: 'csv',
      jobId: 'j-1',
    });
  });
});

// Telemetry must never carry personal data: run real exports of the seeded data (whose users have
// emails and display names) and search every log line — API side and worker side — for them.
describe('worker telemetry carries no personal data', () => {
  let env: TestEnv;
  let personal: string[];
  const { ctx, lines } = capturingContext('inv-worker');
  const log: Logger = invocationLogger(ctx);
  const admin: Principal = {
    userId: 'user-admin',
    organizationId: ACME,
    roles: ['Admin'],
  };

  beforeAll(async () => {
    env = await testEnv({ users: 30, sessions: 300, logger: log });
    const users = await env.runtime.sql.db.selectFrom('users').select(['email', 'display_name']).execute();
    personal = users.flatMap((u) => [u.email, u.display_name]);
    expect(personal.length).toBe(2 * 2 * 30);
  }, 60_000);
  afterAll(async () => {
    await env?.cleanup();
  });

  const run = async (body: object, deps: Services = env.services) => {
    const job = await createExportJob(deps, admin, body, log);
    return {
      job,
      outcome: await processExport(deps, { jobId: job.id, attempt: 1 }, log),
    };
  };
  const someEmail = () => personal.find((p) => p.includes('@')) as string;

  it('logs the job dimensions and metrics of completed exports of every dataset', async () => {
    const userId = (
      await env.runtime.sql.db.selectFrom('users').select('id').where('organization_id', '=', ACME).executeTakeFirstOrThrow()
    ).id;
    const range = { from: '2026-01-01', to: '2026-06-30' };
    for (const body of [
      { dataType: 'sessions', format: 'csv', dateRange: range },
      {
        dataType: 'sessions',
        format: 'ndjson',
        dateRange: range,
        compression: 'gzip',
        filters: { userId },
      },
      { dataType: 'users', format: 'json', dateRange: range },
      { dataType: 'users', format: 'excel', dateRange: range },
      { dataType: 'users', format: 'pdf', dateRange: range },
      {
        dataType: 'analytics',
        format: 'csv',
        dateRange: { from: '2026-03-01', to: '2026-03-31' },
      },
    ]) {
      const { job, outcome } = await run(body);
      expect(outcome, JSON.stringify(body)).toBe('completed');
      const completed = lines.find((l) => l.text.startsWith('export.completed ') && l.text.includes(job.id));
      expect(propsOf(completed?.text ?? '{}')).toMatchObject({
        jobId: job.id,
        organizationId: ACME,
        dataType: body.dataType,
        format: body.format,
        attempt: 1,
        invocationId: 'inv-worker',
      });
      for (const metric of ['export_duration_ms', 'export_rows', 'export_bytes', 'export_queue_wait_ms']) {
        expect(
          lines.some((l) => l.text.startsWith(`metric ${metric} `) && l.text.includes(job.id)),
          metric,
        ).toBe(true);
      }
    }
  }, 120_000);

  it('logs failures and retries by code and error name, never by the error’s message', async () => {
    const leaky = (e: Error): Services => ({
      ...env.services,
      blobs: {
        ...env.services.blobs,
        stageBlock: async () => Promise.reject(e),
      },
    });
    const range = { from: '2026-01-01', to: '2026-01-31' };
    const failed = await run(
      { dataType: 'users', format: 'csv', dateRange: range },
      leaky(new TypeError(`cannot upload row of ${someEmail()}`)),
    );
    expect(failed.outcome).toBe('failed');
    const retried = await run(
      { dataType: 'sessions', format: 'csv', dateRange: range },
      leaky(
        new AppError('STORAGE_UNAVAILABLE', 'Blob Storage is temporarily unavailable.', {
          retryable: true,
          cause: new Error(someEmail()),
        }),
      ),
    );
    expect(retried.outcome).toBe('retry-scheduled');
    expect(
      lines.some((l) => l.level === 'error' && l.text.startsWith('export.error ') && propsOf(l.text).error === 'TypeError'),
    ).toBe(true);
    expect(
      lines.some((l) => l.text.startsWith('export.retry scheduled ') && propsOf(l.text).code === 'STORAGE_UNAVAILABLE'),
    ).toBe(true);
  });

  // Runs last: searches everything the tests above logged.
  it('no log line contains an email address or display name of the seeded users', () => {
    expect(lines.length).toBeGreaterThan(30);
    const forms = personal.flatMap((p) => [p, JSON.stringify(p).slice(1, -1)]);
    const leaks = lines.flatMap((l) => forms.filter((p) => l.text.includes(p)).map((p) => `${p} in: ${l.text}`));
    expect(leaks).toEqual([]);
    expect(lines.filter((l) => /[\w.+-]+@[\w-]+\.[\w.]+/.test(l.text))).toEqual([]);
  });
});
