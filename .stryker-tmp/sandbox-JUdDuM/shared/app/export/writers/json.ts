// @ts-nocheck
import type { Row } from '../../../domain/datasets.js';
import type { ExportMeta } from './writer.js';
import type { TextFormat } from './textFormat.js';

function toObject(row: Row, meta: ExportMeta): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  meta.columns.forEach((c, i) => (object[c.name] = row[i] ?? null));
  return object;
}

/** A JSON array of objects keyed by column name, one object per line for diff-friendliness. */
export const jsonFormat: TextFormat = {
  head: () => '[',
  rows: (rows, meta, before) =>
    rows.map((r, i) => (before + i === 0 ? '\n' : ',\n') + JSON.stringify(toObject(r, meta))).join(''),
  tail: (_meta, count) => (count === 0 ? ']\n' : '\n]\n'),
};

/** Newline-delimited JSON: one object per line (`application/x-ndjson`). */
export const ndjsonFormat: TextFormat = {
  head: () => '',
  rows: (rows, meta) => rows.map((r) => JSON.stringify(toObject(r, meta)) + '\n').join(''),
  tail: () => '',
};
