import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLIENT_TYPES_PATH, generateClientTypes } from '../../local/clientTypes.js';

/**
 * The committed client types are what openapi-typescript makes of the document the service serves
 * today: change the API without regenerating, and this fails (run `npm run generate:client`).
 */
describe('typed client', () => {
  it('client/schema.d.ts matches the OpenAPI document', async () => {
    const committed = readFileSync(join(__dirname, '..', '..', CLIENT_TYPES_PATH), 'utf8');
    const fresh = await generateClientTypes();
    expect(committed === fresh, 'client/schema.d.ts is stale: run `npm run generate:client` and commit it').toBe(true);
  });

  it('a change of the document shows in the generated types (the check can fail)', async () => {
    const types = await generateClientTypes();
    expect(types).toMatch(/"\/export-jobs\/\{id\}\/events"/);
    expect(types).toMatch(/rowsTotal: number \| null;/);
    expect(types).toMatch(/WebhookWithSecret: \{/);
  });
});
