import type { HttpResponseInit } from '@azure/functions';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../shared/http/openapi.js';

type Json = Record<string, any>;
const BASE = 'https://portal-export.invalid/openapi.json';

/**
 * Checks a real response against the OpenAPI document with an independent JSON Schema 2020-12
 * validator (Ajv): the status is one the operation documents, the content type one it lists, a
 * JSON body matches the schema, and the documented X-Request-Id is there.
 */
export function openApiConformance(document: Json = openApiDocument()) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  (addFormats as unknown as (a: Ajv2020) => void)(ajv);
  ajv.addFormat('binary', true);
  ajv.addSchema({ $id: BASE, components: document.components }, BASE);
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (schema: Json): ValidateFunction => {
    const key = JSON.stringify(schema);
    let v = compiled.get(key);
    if (!v) {
      const resolved = JSON.parse(key.replace(/"#\/components\//g, `"${BASE}#/components/`)) as Json;
      v = ajv.compile(resolved);
      compiled.set(key, v);
    }
    return v;
  };

  /** Problems with the response (empty when it conforms). */
  function check(
    method: string,
    template: string,
    response: { status: number; headers: Headers | Record<string, string>; body: unknown },
  ): string[] {
    const header = (name: string) =>
      response.headers instanceof Headers
        ? response.headers.get(name)
        : (Object.entries(response.headers).find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1] ?? null);
    const operation = document.paths?.[template]?.[method.toLowerCase()] as Json | undefined;
    if (!operation) return [`no operation ${method} ${template}`];
    const documented = operation.responses?.[String(response.status)] as Json | undefined;
    if (!documented) return [`${method} ${template}: status ${response.status} is not documented`];
    const problems: string[] = [];
    if (documented.headers?.['X-Request-Id'] && !header('X-Request-Id')) problems.push('no X-Request-Id header');
    const content = documented.content as Record<string, Json> | undefined;
    if (!content || method === 'HEAD' || response.body === undefined || response.body === null) return problems;
    const type = header('Content-Type') ?? '';
    const media = content[type] ?? content[type.split(';')[0]!.trim()];
    if (!media) return [...problems, `content type "${type}" is not documented for ${response.status}`];
    if (/json/.test(type) && media.schema && typeof response.body !== 'string') {
      const validate = validatorOf(media.schema as Json);
      if (!validate(response.body)) problems.push(`body: ${ajv.errorsText(validate.errors)}`);
    }
    return problems;
  }
  return { check };
}

/** A handler's response as the conformance check reads it: status, headers, parsed JSON body (if any). */
export async function responseOf(
  res: HttpResponseInit,
): Promise<{ status: number; headers: Record<string, string>; body: unknown }> {
  const headers = (res.headers ?? {}) as Record<string, string>;
  const type =
    Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ??
    (res.jsonBody !== undefined ? 'application/json' : '');
  let body: unknown = res.jsonBody;
  if (body === undefined && typeof res.body === 'string') body = /json/.test(type) ? JSON.parse(res.body) : res.body;
  else if (body === undefined && res.body) body = '(binary)';
  return { status: res.status ?? 200, headers: { ...headers, ...(type ? { 'Content-Type': type } : {}) }, body };
}
