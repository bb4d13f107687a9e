import { openApiDocument } from '../shared/http/openapi.js';

/** Where the generated types live (committed; `npm run generate:client` rewrites them). */
export const CLIENT_TYPES_PATH = 'client/schema.d.ts';

const HEADER = [
  '/**',
  ' * GENERATED from the service’s OpenAPI document by `npm run generate:client` (openapi-typescript).',
  ' * Do not edit: change the zod schemas or shared/http/openapi*.ts, then regenerate. A test fails',
  ' * when this file and the document drift apart.',
  ' */',
  '',
].join('\n');

/** The TypeScript types of the API, generated from the very document the service serves. */
export async function generateClientTypes(): Promise<string> {
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  const document = structuredClone(openApiDocument());
  const ast = await openapiTS(document as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
    exportType: false,
  });
  return HEADER + astToString(ast);
}
