import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CLIENT_TYPES_PATH, generateClientTypes } from './clientTypes.js';

/** `npm run generate:client`: rewrites client/schema.d.ts from the OpenAPI document. */
async function main(): Promise<void> {
  const path = resolve(__dirname, '..', '..', CLIENT_TYPES_PATH);
  writeFileSync(path, await generateClientTypes());
  process.stdout.write(`wrote ${CLIENT_TYPES_PATH}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`generate:client failed: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
