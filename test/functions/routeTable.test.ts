import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { functionDefinitions } from '../../functions/definitions.js';
import type { FunctionDefinition } from '../../shared/host/functionDefinition.js';

const ofKind = <K extends FunctionDefinition['kind']>(kind: K) =>
  functionDefinitions.filter((d): d is Extract<FunctionDefinition, { kind: K }> => d.kind === kind);

describe('functions/definitions.ts is the one route table', () => {
  it('lists the HTTP API', () => {
    const routes = ofKind('http')
      .map((r) => `${r.methods.join(',')} ${r.route}`)
      .sort();
    expect(routes).toEqual(
      [
        'DELETE export-jobs/{id}',
        'GET export-jobs',
        'GET export-jobs/{id}',
        'GET,HEAD export-jobs/{id}/download',
        'GET export-jobs/{id}/audit',
        'POST export-jobs',
        'POST export-jobs/{id}/retry',
        'GET dataexport/sessions',
        'GET dataexport/users',
        'GET dataexport/analytics',
        'GET admindashboard/export',
        'GET openapi.json',
        'GET export-jobs/{id}/events',
        'POST webhooks',
        'GET webhooks',
        'DELETE webhooks/{id}',
        'POST webhooks/{id}/rotate-secret',
        'GET webhooks/{id}/deliveries',
      ].sort(),
    );
  });

  it('needs a token on every route but the OpenAPI document', () => {
    expect(
      ofKind('http')
        .filter((r) => !r.authenticated)
        .map((r) => r.route),
    ).toEqual(['openapi.json']);
  });

  it('lists the queue, dead-letter and timer triggers with identity-based settings', () => {
    expect(ofKind('queue').map((q) => [q.name, q.connection, q.queueName])).toEqual(
      expect.arrayContaining([
        ['processExport', 'ServiceBusConnection', '%EXPORT_QUEUE_NAME%'],
        ['deadLetterExport', 'ServiceBusConnection', '%EXPORT_QUEUE_NAME%/$deadletterqueue'],
        ['deliverWebhook', 'ServiceBusConnection', '%EXPORT_WEBHOOK_QUEUE_NAME%'],
      ]),
    );
    expect(
      ofKind('timer')
        .map((t) => [t.name, t.schedule])
        .sort(),
    ).toEqual([['sweepOutbox', '%EXPORT_PURGE_SCHEDULE%']]);
  });

  it('lists every function module, each once and under a unique name', () => {
    const modules = readdirSync(join(__dirname, '..', '..', 'functions'))
      .filter((n) => n.endsWith('.ts') && n !== 'index.ts' && n !== 'definitions.ts')
      .map((n) => n.replace(/\.ts$/, ''))
      .sort();
    const names = functionDefinitions.map((d) => d.name);
    expect(new Set(names).size).toBe(names.length);
    // Each functions/<name>.ts defines the function <name>: the file says what is inside.
    expect([...names].sort()).toEqual(modules);
  });
});
