/** Export file formats and how their files are named and typed. */

export const formats = ['csv', 'json', 'ndjson', 'excel', 'pdf'] as const;
export type Format = (typeof formats)[number];

export const compressions = ['none', 'gzip'] as const;
export type Compression = (typeof compressions)[number];

export interface FormatInfo {
  readonly contentType: string;
  readonly extension: string;
  /** Whether gzip compression may be requested (zip-based and PDF files are compressed already). */
  readonly gzippable: boolean;
}

export const formatInfo: Readonly<Record<Format, FormatInfo>> = {
  csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', gzippable: true },
  json: { contentType: 'application/json', extension: 'json', gzippable: true },
  ndjson: { contentType: 'application/x-ndjson', extension: 'ndjson', gzippable: true },
  excel: {
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extension: 'xlsx',
    gzippable: false,
  },
  pdf: { contentType: 'application/pdf', extension: 'pdf', gzippable: false },
};

/** `sessions_2026-01-01_2026-01-31.csv[.gz]` — says what is inside. */
export function fileNameFor(dataType: string, format: Format, from: string, to: string, compression: Compression): string {
  const base = `${dataType}_${from}_${to}.${formatInfo[format].extension}`;
  return compression === 'gzip' ? `${base}.gz` : base;
}

export function contentTypeFor(format: Format, compression: Compression): string {
  return compression === 'gzip' ? 'application/gzip' : formatInfo[format].contentType;
}
