import { AppError } from '../domain/errors.js';
import type { HttpFunctionDefinition } from './functionDefinition.js';

export type HttpMethod = HttpFunctionDefinition['methods'][number];
export const ALL_METHODS: readonly HttpMethod[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/**
 * A Functions route template (`export-jobs/{id}/download`) as a matcher of request paths (under
 * /api/) that gives the route parameters, percent-decoded. A path whose encoding is malformed
 * (`%E0%A4%A`) is a client mistake: VALIDATION_FAILED (400), never a 500.
 */
export function compileRoute(route: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    '^' +
      route
        .split('/')
        .map((seg) => {
          const m = /^\{(\w+)\}$/.exec(seg);
          if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          names.push(m[1] as string);
          return '([^/]+)';
        })
        .join('/') +
      '$',
  );
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeSegment(m[i + 1] as string)]));
  };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new AppError('VALIDATION_FAILED', 'The request path is not validly percent-encoded.', {
      details: [{ field: '(path)', message: 'malformed percent-encoding' }],
    });
  }
}

/** Routes grouped by template, each with the methods some function serves on it. */
export function routeMethods(definitions: readonly HttpFunctionDefinition[]): Map<string, HttpMethod[]> {
  const byRoute = new Map<string, HttpMethod[]>();
  for (const d of definitions) byRoute.set(d.route, [...(byRoute.get(d.route) ?? []), ...d.methods]);
  return byRoute;
}

/** The `Allow` header value of a route: its methods, and OPTIONS (always answered). */
export const allowOf = (methods: readonly HttpMethod[]): string => [...new Set([...methods, 'OPTIONS'])].join(', ');
