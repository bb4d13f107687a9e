/** HTTP range requests (RFC 9110 §14) for downloads: one range, or the whole file. */

export type RangeAnswer =
  | { readonly kind: 'full' }
  | { readonly kind: 'partial'; readonly offset: number; readonly count: number }
  | { readonly kind: 'unsatisfiable' };

/** A strong validator from the file's sha256: equal bytes, equal tag. */
export const etagOf = (sha256: string): string => `"${sha256}"`;

/**
 * What a `Range` header asks of a file of `size` bytes. One range only: a multi-range or
 * malformed header is ignored and the whole file is sent (RFC 9110 allows a server to ignore
 * Range); a range that starts past the end is unsatisfiable (416). `If-Range` with another
 * validator than the current ETag also sends the whole file, so a resumed download never mixes
 * two versions.
 */
export function rangeOf(header: string | null, size: number, ifRange: string | null, etag: string): RangeAnswer {
  if (!header) return { kind: 'full' };
  if (ifRange !== null && ifRange.trim() !== etag) return { kind: 'full' };
  const m = /^bytes=(\d{0,15})-(\d{0,15})$/.exec(header.trim());
  if (!m) return { kind: 'full' };
  const [, first, last] = m as unknown as [string, string, string];
  if (first === '' && last === '') return { kind: 'full' };
  if (first === '') {
    const suffix = Number(last);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    const count = Math.min(suffix, size);
    return { kind: 'partial', offset: size - count, count };
  }
  const offset = Number(first);
  if (last !== '' && Number(last) < offset) return { kind: 'full' };
  if (offset >= size) return { kind: 'unsatisfiable' };
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  return { kind: 'partial', offset, count: end - offset + 1 };
}

/** Does `If-None-Match` name this representation (a cached copy is still good)? */
export function notModified(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}
