import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { registrations } from '../../shared/host/registry.js';

// Importing every functions/*.ts registers it, as the Functions host does via package.json `main`.
for (const f of readdirSync(join(__dirname, '..', '..', 'functions')).filter((n) => n.endsWith('.ts'))) {
  await import(/* @vite-ignore */ `../../functions/${f}`);
}

describe('functions/ is the one route table', () => {
  it('registers the HTTP API', () => {
    const routes = registrations.http.map((r) => `${(r.methods ?? []).join(',')} ${r.route}`).sort();
    expect(routes).toEqual(
      [
        'DELETE export-jobs/{id}',
        'GET export-jobs',
        'GET export-jobs/{id}',
        'GET export-jobs/{id}/download',
        'POST export-jobs',
        'POST export-jobs/{id}/retry',
      ].sort(),
    );
    // Authentication is ours (bearer JWT), not function keys.
    expect(registrations.http.every((r) => r.authLevel === 'anonymous')).toBe(true);
  });

  it('registers the queue, dead-letter and timer triggers with identity-based settings', () => {
    expect(registrations.queue.map((q) => [q.name, q.connection, q.queueName])).toEqual(
      expect.arrayContaining([
        ['processExport', 'ServiceBusConnection', '%EXPORT_QUEUE_NAME%'],
        ['deadLetterExport', 'ServiceBusConnection', '%EXPORT_QUEUE_NAME%/$deadletterqueue'],
      ]),
    );
    expect(registrations.timer.map((t) => [t.name, t.schedule]).sort()).toEqual([
      ['purgeExports', '%EXPORT_PURGE_SCHEDULE%'],
      ['sweepOutbox', '0 * * * * *'],
    ]);
  });
});
