// @ts-nocheck
import { HttpRequest, InvocationContext, type HttpResponseInit } from '@azure/functions';

/** Builds the request object the Functions host would pass (works outside the host). */
export function httpRequest(o: {
  method: string;
  path: string;
  token?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  params?: Record<string, string>;
}): HttpRequest {
  const headers: Record<string, string> = {};
  if (o.token) headers.authorization = `Bearer ${o.token}`;
  const text = o.rawBody ?? (o.body === undefined ? undefined : JSON.stringify(o.body));
  if (text !== undefined) headers['content-type'] = o.contentType ?? 'application/json';
  return new HttpRequest({
    method: o.method,
    url: `http://localhost/api/${o.path}`,
    headers,
    params: o.params ?? {},
    ...(text !== undefined ? { body: { string: text } } : {}),
  });
}

export const context = (): InvocationContext => new InvocationContext({ logHandler: () => undefined });

/** The JSON body of a handler result (jsonBody or a JSON string body). */
export function bodyOf(res: HttpResponseInit): any {
  if (res.jsonBody !== undefined) return res.jsonBody;
  return typeof res.body === 'string' ? JSON.parse(res.body) : undefined;
}

export const headerOf = (res: HttpResponseInit, name: string): string | undefined => {
  const h = (res.headers ?? {}) as Record<string, string>;
  const key = Object.keys(h).find((k) => k.toLowerCase() === name.toLowerCase());
  return key ? h[key] : undefined;
};
