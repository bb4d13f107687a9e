import { describe, expect, it } from 'vitest';
import { verifyWebhookSignature } from '../../../client/webhookSignature.js';
import { cancelExportJob } from '../../../shared/app/cancelExportJob.js';
import { createExportJob } from '../../../shared/app/createExportJob.js';
import { processExport } from '../../../shared/app/processExport.js';
import { announceJobEvent } from '../../../shared/app/webhooks/announceJobEvent.js';
import { createWebhook } from '../../../shared/app/webhooks/createWebhook.js';
import { deleteWebhook } from '../../../shared/app/webhooks/deleteWebhook.js';
import { deliverWebhook } from '../../../shared/app/webhooks/deliverWebhook.js';
import { listWebhookDeliveries } from '../../../shared/app/webhooks/listWebhookDeliveries.js';
import { listWebhooks } from '../../../shared/app/webhooks/listWebhooks.js';
import { rotateWebhookSecret } from '../../../shared/app/webhooks/rotateWebhookSecret.js';
import { sweepWebhooks } from '../../../shared/app/webhooks/sweepWebhooks.js';
import { AppError } from '../../../shared/domain/errors.js';
import { lifecycle } from '../../../shared/domain/lifecycle.js';
import type { Principal } from '../../../shared/domain/principal.js';
import { retryDelaySeconds, webhookUrlProblem } from '../../../shared/domain/webhooks.js';
import { fakeServices, ORG_A, ORG_B, type FakeServices } from '../../fakes/fakeServices.js';
import { scriptedWebhookSender } from '../../fakes/scriptedWebhookSender.js';

const admin: Principal = { userId: 'admin-a', organizationId: ORG_A, roles: ['Admin'] };
const manager: Principal = { userId: 'mgr-a', organizationId: ORG_A, roles: ['Manager'] };
const otherAdmin: Principal = { userId: 'admin-b', organizationId: ORG_B, roles: ['Admin'] };
const march = { dataType: 'sessions', format: 'csv', dateRange: { from: '2026-03-01', to: '2026-03-31' } };
const URL_OK = 'https://hooks.example.com/portal-export';

const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e: unknown) => (e instanceof AppError ? e.code : String(e)),
  );

/** A job of Acme that completed, announced to the webhooks registered then. */
async function completedJob(world: FakeServices) {
  const job = await createExportJob(world, admin, march, world.logger);
  expect(await processExport(world, { jobId: job.id, attempt: 1 }, world.logger)).toBe('completed');
  return job;
}

describe('webhook endpoints (Admins of the organization)', () => {
  it('registers an https endpoint and shows its secret once; lists never show it', async () => {
    const world = fakeServices();
    const created = await createWebhook(world, admin, { url: URL_OK, description: 'ops' });
    expect(created.secret).toMatch(/^whsec_[\w-]{43}$/);
    expect(await listWebhooks(world, admin)).toEqual([created]); // the store has it; the HTTP resource drops the secret
    expect(world.audit.records.map((r) => [r.action, r.detail])).toEqual([['webhook-create', `webhook=${created.id}`]]);
  });

  it('refuses other roles, bad URLs (each named) and more endpoints than the limit; another tenant’s endpoint is a 404', async () => {
    const world = fakeServices({ policy: { webhooks: { ...fakeServices().policy.webhooks, maxPerOrganization: 2 } } });
    expect(await codeOf(createWebhook(world, manager, { url: URL_OK }))).toBe('FORBIDDEN');
    for (const url of [
      'http://hooks.example.com/x',
      'https://user:pw@hooks.example.com/',
      'https://10.0.0.5/x',
      'https://169.254.169.254/latest',
      'https://[::1]/',
      'https://localhost/x',
      'https://intranet/x',
      'not a url',
    ]) {
      expect(await codeOf(createWebhook(world, admin, { url })), url).toBe('VALIDATION_FAILED');
    }
    expect(await codeOf(createWebhook(world, admin, { url: URL_OK, extra: 1 }))).toBe('VALIDATION_FAILED');
    const w = await createWebhook(world, admin, { url: URL_OK });
    await createWebhook(world, admin, { url: URL_OK });
    expect(await codeOf(createWebhook(world, admin, { url: URL_OK }))).toBe('WEBHOOK_LIMIT_REACHED');
    expect(await codeOf(deleteWebhook(world, otherAdmin, w.id))).toBe('NOT_FOUND');
    expect(await codeOf(rotateWebhookSecret(world, otherAdmin, w.id))).toBe('NOT_FOUND');
    expect(await codeOf(listWebhookDeliveries(world, otherAdmin, w.id, {}))).toBe('NOT_FOUND');
    expect(await codeOf(deleteWebhook(world, admin, 'not-a-guid'))).toBe('NOT_FOUND');
    expect(await listWebhooks(world, otherAdmin)).toEqual([]);
  });

  it('URL rules: https with a public host; loopback (and http to it) only with the local escape hatch', () => {
    expect(webhookUrlProblem('https://hooks.example.com/a?b=c', false)).toBeUndefined();
    expect(webhookUrlProblem('https://93.184.216.34/', false)).toBeUndefined();
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', false)).toBe('must use https');
    expect(webhookUrlProblem('http://127.0.0.1:9999/hook', true)).toBeUndefined();
    expect(webhookUrlProblem('http://10.1.2.3/hook', true)).toBe('must use https');
    expect(webhookUrlProblem('https://[fd00::1]/', true)).toMatch(/private/);
    expect(webhookUrlProblem('https://hooks.example.com/#x', false)).toMatch(/fragment/);
  });
});

describe('announcing a terminal job', () => {
  it('records one delivery per endpoint registered before the job ended and rings each; a repeat adds nothing', async () => {
    const world = fakeServices();
    const w1 = await createWebhook(world, admin, { url: URL_OK });
    await createWebhook(world, otherAdmin, { url: URL_OK }); // another tenant hears nothing of Acme
    const job = await completedJob(world);
    world.clock.advance(1);
    await createWebhook(world, admin, { url: `${URL_OK}/late` }); // registered after the job ended
    const deliveries = [...world.webhooks.deliveries.values()];
    expect(deliveries.map((d) => [d.webhookId, d.eventType, d.jobId])).toEqual([[w1.id, 'export_job.completed', job.id]]);
    const event = JSON.parse(deliveries[0]!.payload);
    expect(event).toMatchObject({
      id: `evt_${job.id.replace(/-/g, '')}`,
      type: 'export_job.completed',
      data: { jobId: job.id, status: 'Completed' },
    });
    expect(event.data.rowCount).toBeGreaterThan(0);
    expect(world.deliveryQueue.sent.map((s) => s.message)).toEqual([{ deliveryId: deliveries[0]!.id, attempt: 1 }]);
    expect((await world.repo.get(job.id))?.eventsQueuedAt).not.toBeNull();
    expect(await announceJobEvent(world, job.id, world.logger)).toBe(0);
    expect(world.webhooks.deliveries.size).toBe(1);
  });

  it('announces cancelled and failed jobs too; the sweeper announces a job whose announcement was lost', async () => {
    const world = fakeServices();
    await createWebhook(world, admin, { url: URL_OK });
    const cancelled = await createExportJob(world, admin, march, world.logger);
    await cancelExportJob(world, admin, cancelled.id);
    const lost = await createExportJob(world, admin, march, world.logger);
    // Failed by a dead letter whose announcement never ran (a crash right after the transition).
    await world.repo.apply(
      lost.id,
      lifecycle.deadLetter({ code: 'DEAD_LETTERED', message: 'x' }, world.clock.now().toISOString()),
    );
    expect([...world.webhooks.deliveries.values()].map((d) => d.eventType)).toEqual(['export_job.cancelled']);
    expect((await sweepWebhooks(world, world.logger)).announced).toBe(1);
    expect([...world.webhooks.deliveries.values()].map((d) => d.eventType).sort()).toEqual([
      'export_job.cancelled',
      'export_job.failed',
    ]);
  });
});

describe('delivering', () => {
  it('signs with HMAC-SHA256 over the timestamp and body; the receiver’s check passes, a replay outside the window fails', async () => {
    const sender = scriptedWebhookSender([204]);
    const world = fakeServices({ sender });
    const w = await createWebhook(world, admin, { url: URL_OK });
    await completedJob(world);
    const [d] = [...world.webhooks.deliveries.values()];
    expect(await deliverWebhook(world, { deliveryId: d!.id, attempt: 1 }, world.logger)).toBe('delivered');
    const sent = sender.sent[0]!;
    expect(sent.url).toBe(URL_OK);
    expect(sent.body).toBe(d!.payload);
    expect(sent.headers).toMatchObject({ 'Export-Event-Type': 'export_job.completed', 'Export-Delivery-Attempt': '1' });
    const header = sent.headers['Export-Signature'];
    expect(verifyWebhookSignature(w.secret, header, sent.body, { now: world.clock.now() })).toMatchObject({ ok: true });
    expect(verifyWebhookSignature(w.secret, header, `${sent.body} `, { now: world.clock.now() }).ok).toBe(false);
    expect(verifyWebhookSignature('whsec_wrong', header, sent.body, { now: world.clock.now() }).ok).toBe(false);
    const later = new Date(world.clock.now().getTime() + 301_000);
    expect(verifyWebhookSignature(w.secret, header, sent.body, { now: later })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/tolerance/),
    });
    expect(await world.webhooks.getDelivery(d!.id)).toMatchObject({
      status: 'Delivered',
      attempts: [{ attempt: 1, statusCode: 204, error: null }],
    });
    // A duplicate doorbell finds nothing to deliver.
    expect(await deliverWebhook(world, { deliveryId: d!.id, attempt: 1 }, world.logger)).toBe('skipped');
    expect(sender.sent).toHaveLength(1);
  });

  it('retries with exponential backoff until a 2xx, each attempt in the log; gives up after maxAttempts', async () => {
    const sender = scriptedWebhookSender([500, 'unreachable', 302, 204]);
    const world = fakeServices({ sender });
    await createWebhook(world, admin, { url: URL_OK });
    await completedJob(world);
    const [d] = [...world.webhooks.deliveries.values()];
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 4; attempt++) {
      const before = world.clock.now().getTime();
      outcomes.push(await deliverWebhook(world, { deliveryId: d!.id, attempt }, world.logger));
      const stored = (await world.webhooks.getDelivery(d!.id))!;
      if (stored.status !== 'Pending') break;
      // Not due before its backoff; the doorbell is scheduled for then.
      const wait = retryDelaySeconds(world.policy.webhooks, attempt + 1);
      expect(Date.parse(stored.nextAttemptAt!) - before).toBe(wait * 1000);
      expect(world.deliveryQueue.sent.at(-1)).toMatchObject({
        message: { attempt: attempt + 1 },
        notBefore: new Date(stored.nextAttemptAt!),
      });
      expect(await deliverWebhook(world, { deliveryId: d!.id, attempt: attempt + 1 }, world.logger)).toBe('skipped');
      world.clock.advance(wait);
    }
    expect(outcomes).toEqual(['retry-scheduled', 'retry-scheduled', 'retry-scheduled', 'delivered']);
    const log = (await listWebhookDeliveries(world, admin, d!.webhookId, {})).items[0]!.attempts;
    expect(log.map((a) => [a.statusCode, a.error ?? null])).toEqual([
      [500, 'The endpoint answered HTTP 500.'],
      [null, 'network'],
      [302, 'The endpoint answered HTTP 302.'],
      [204, null],
    ]);

    const failing = fakeServices({ sender: scriptedWebhookSender([503]) });
    await createWebhook(failing, admin, { url: URL_OK });
    await completedJob(failing);
    const [f] = [...failing.webhooks.deliveries.values()];
    const results: string[] = [];
    for (let attempt = 1; attempt <= failing.policy.webhooks.maxAttempts; attempt++) {
      results.push(await deliverWebhook(failing, { deliveryId: f!.id, attempt }, failing.logger));
      failing.clock.advance(3600);
    }
    expect(results.at(-1)).toBe('failed');
    expect((await failing.webhooks.getDelivery(f!.id))?.status).toBe('Failed');
  });

  it('a target refused by the SSRF guard, or a removed endpoint, fails at once', async () => {
    const world = fakeServices({ sender: scriptedWebhookSender(['refused']) });
    const w = await createWebhook(world, admin, { url: URL_OK });
    const job1 = await completedJob(world);
    const d1 = [...world.webhooks.deliveries.values()].find((d) => d.jobId === job1.id)!;
    expect(await deliverWebhook(world, { deliveryId: d1.id, attempt: 1 }, world.logger)).toBe('failed');
    expect((await world.webhooks.getDelivery(d1.id))?.attempts[0]?.error).toMatch(/refused/);
    await deleteWebhook(world, admin, w.id);
    expect(world.webhooks.deliveries.size).toBe(0);
  });

  it('after a rotation both secrets sign during the grace period, then only the new one', async () => {
    const sender = scriptedWebhookSender([204]);
    const world = fakeServices({ sender });
    const w = await createWebhook(world, admin, { url: URL_OK });
    const rotated = await rotateWebhookSecret(world, admin, w.id);
    expect(rotated.secret).not.toBe(w.secret);
    await completedJob(world);
    const [d] = [...world.webhooks.deliveries.values()];
    await deliverWebhook(world, { deliveryId: d!.id, attempt: 1 }, world.logger);
    const header = sender.sent[0]!.headers['Export-Signature'];
    expect(header?.match(/v1=/g)).toHaveLength(2);
    for (const secret of [w.secret, rotated.secret])
      expect(verifyWebhookSignature(secret, header, sender.sent[0]!.body, { now: world.clock.now() }).ok).toBe(true);

    world.clock.advance(25 * 3600);
    const job = await createExportJob(world, admin, march, world.logger);
    await cancelExportJob(world, admin, job.id);
    const d2 = [...world.webhooks.deliveries.values()].find((x) => x.jobId === job.id)!;
    await deliverWebhook(world, { deliveryId: d2.id, attempt: 1 }, world.logger);
    const header2 = sender.sent[1]!.headers['Export-Signature'];
    expect(header2?.match(/v1=/g)).toHaveLength(1);
    expect(verifyWebhookSignature(w.secret, header2, sender.sent[1]!.body, { now: world.clock.now() }).ok).toBe(false);
  });

  it('the sweeper rings a delivery whose doorbell was lost', async () => {
    const world = fakeServices();
    await createWebhook(world, admin, { url: URL_OK });
    await completedJob(world);
    world.deliveryQueue.sent.length = 0;
    world.clock.advance(world.policy.resendAfterSeconds + 1);
    expect((await sweepWebhooks(world, world.logger)).rung).toBe(1);
    expect(world.deliveryQueue.sent).toHaveLength(1);
  });
});
