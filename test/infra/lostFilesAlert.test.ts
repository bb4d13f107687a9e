import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvocationContext } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { invocationLogger } from '../../shared/adapters/log/invocationLogger.js';

/**
 * The lost-file alert counts what the app really writes: the trace line the invocation logger
 * makes of the `export_file_lost` metric (what Application Insights stores as `traces.message`)
 * must match the alert query's filter.
 */
const query = readFileSync(join(__dirname, '..', '..', 'infra', 'queries', 'files-lost.kql'), 'utf8');

describe('lost-file alert', () => {
  it('matches the trace the app writes for each lost file', () => {
    const prefix = /where message startswith "([^"]+)"/.exec(query)?.[1];
    expect(prefix).toBe('metric export_file_lost {');
    expect(query).toContain('customMetrics | where name == "export_file_lost"');

    const messages: string[] = [];
    const context = new InvocationContext({ logHandler: (_level, ...args) => void messages.push(args.map(String).join(' ')) });
    invocationLogger(context).child({ jobId: 'j-1' }).metric('export_file_lost', 1, { detectedBy: 'reconcile' });
    expect(messages).toHaveLength(1);
    expect(messages[0]?.startsWith(prefix as string)).toBe(true);
    expect(messages[0]).toContain('"detectedBy":"reconcile"');
  });
});
