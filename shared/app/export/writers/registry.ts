import type { Format } from '../../../domain/formats.js';
import type { CsvOptions } from '../../../domain/job.js';
import { csvFormat } from './csv.js';
import { jsonFormat, ndjsonFormat } from './json.js';
import { textWriter, type TextFormat } from './textFormat.js';
import { restartingWriter, type FileWriter, type FormatWriter } from './writer.js';

export interface WriterSettings {
  readonly pdf: { readonly pageSize: string; readonly orientation: 'landscape' | 'portrait' };
  readonly xlsx: { readonly sheetRowLimit: number };
}

/** The text format of a resumable format (CSV, JSON, NDJSON); undefined for the others. */
export function textFormatFor(format: Format, csv: CsvOptions): TextFormat | undefined {
  switch (format) {
    case 'csv':
      return csvFormat(csv);
    case 'json':
      return jsonFormat;
    case 'ndjson':
      return ndjsonFormat;
    // Stryker disable next-line ConditionalExpression: emptied, the default case falls off the end, which returns undefined too
    default:
      return undefined;
  }
}

/**
 * A writer whose module is loaded when its first export starts: pdfkit and archiver add ≈ 35 MB
 * to a process's memory, which a process that only ever writes text formats need not carry.
 */
function loadedOnUse(load: () => Promise<FormatWriter>): FormatWriter {
  return async function* (batches, meta) {
    yield* (await load())(batches, meta);
  };
}

/** The writer of each format. Adding a format: a writer here and an entry in domain/formats.ts. */
export function writerFor(format: Format, csv: CsvOptions, settings: WriterSettings): FileWriter {
  const text = textFormatFor(format, csv);
  if (text) return textWriter(text);
  switch (format) {
    case 'excel':
      return restartingWriter(
        loadedOnUse(async () => (await import('./xlsx.js')).xlsxWriter({ sheetRowLimit: settings.xlsx.sheetRowLimit })),
      );
    default:
      return restartingWriter(loadedOnUse(async () => (await import('./pdf.js')).pdfWriter(settings.pdf)));
  }
}
