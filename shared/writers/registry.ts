import type { Format } from '../domain/formats.js';
import type { CsvOptions } from '../domain/job.js';
import { csvFormat } from './csv.js';
import { jsonFormat, ndjsonFormat } from './json.js';
import { pdfWriter } from './pdf.js';
import type { TextFormat } from './textFormat.js';
import { xlsxWriter } from './xlsx.js';
import type { FormatWriter } from './writer.js';

export interface WriterSettings {
  readonly pdf: { readonly pageSize: string; readonly orientation: 'landscape' | 'portrait' };
  readonly xlsx: { readonly sheetRowLimit: number };
}

/** Text formats resume mid-file after a crash; binary ones restart. */
export type WriterFor =
  { readonly kind: 'text'; readonly format: TextFormat } | { readonly kind: 'binary'; readonly writer: FormatWriter };

export function writerFor(format: Format, csv: CsvOptions, settings: WriterSettings): WriterFor {
  switch (format) {
    case 'csv':
      return { kind: 'text', format: csvFormat(csv) };
    case 'json':
      return { kind: 'text', format: jsonFormat };
    case 'ndjson':
      return { kind: 'text', format: ndjsonFormat };
    case 'excel':
      return { kind: 'binary', writer: xlsxWriter({ sheetRowLimit: settings.xlsx.sheetRowLimit }) };
    case 'pdf':
      return { kind: 'binary', writer: pdfWriter(settings.pdf) };
  }
}
