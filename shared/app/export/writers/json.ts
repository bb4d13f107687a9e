import type { ColumnDef, Row } from '../../../domain/datasets.js';
import type { RowEncoder, TextFormat } from './textFormat.js';

/** Text that JSON.stringify would escape: quotes, backslashes, control characters, any surrogate. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * One row as a JSON object keyed by column name, compiled once per export: the keys are written
 * ahead, and a plain string skips JSON.stringify. Same text as `JSON.stringify(object)` (numbers
 * that JSON cannot hold, NaN and ±Infinity, become null as there).
 */
function objectEncoder(columns: readonly ColumnDef[]): (row: Row) => string {
  const keys = columns.map((c, i) => `${i === 0 ? '{' : ','}${JSON.stringify(c.name)}:`);
  return (row) => {
    let out = '';
    for (let i = 0; i < keys.length; i++) {
      out += keys[i] as string;
      const v = row[i];
      if (typeof v === 'string') out += NEEDS_ESCAPE.test(v) ? JSON.stringify(v) : `"${v}"`;
      else if (typeof v === 'number') out += Number.isFinite(v) ? String(v) : 'null';
      else if (typeof v === 'boolean') out += v ? 'true' : 'false';
      else out += 'null';
    }
    return keys.length === 0 ? '{}' : `${out}}`;
  };
}

/** A JSON array of objects keyed by column name, one object per line for diff-friendliness. */
export const jsonFormat: TextFormat = {
  head: () => '[',
  rows(columns): RowEncoder {
    const object = objectEncoder(columns);
    return (rows, before) => {
      let out = '';
      for (let i = 0; i < rows.length; i++) out += (before + i === 0 ? '\n' : ',\n') + object(rows[i] as Row);
      return out;
    };
  },
  tail: (_meta, count) => (count === 0 ? ']\n' : '\n]\n'),
};

/** Newline-delimited JSON: one object per line (`application/x-ndjson`). */
export const ndjsonFormat: TextFormat = {
  head: () => '',
  rows(columns): RowEncoder {
    const object = objectEncoder(columns);
    return (rows) => {
      let out = '';
      for (const row of rows) out += `${object(row)}\n`;
      return out;
    };
  },
  tail: () => '',
};
