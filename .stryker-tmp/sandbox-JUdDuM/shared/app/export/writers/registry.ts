// @ts-nocheck
import type { Format } from '../../../domain/formats.js';
import type { CsvOptions } from '../../../domain/job.js';
import { csvFormat } from './csv.js';
import { jsonFormat, ndjsonFormat } from './json.js';
import { pdfWriter } from './pdf.js';
import { textWriter } from './textFormat.js';
import { xlsxWriter } from './xlsx.js';
import { restartingWriter, type FileWriter } from './writer.js';

export interface WriterSettings {
  readonly pdf: { readonly pageSize: string; readonly orientation: 'landscape' | 'portrait' };
  readonly xlsx: { readonly sheetRowLimit: number };
}

/** The writer of each format. Adding a format: a writer here and an entry in domain/formats.ts. */
export function writerFor(format: Format, csv: CsvOptions, settings: WriterSettings): FileWriter {
  switch (format) {
    case 'csv':
      return textWriter(csvFormat(csv));
    case 'json':
      return textWriter(jsonFormat);
    case 'ndjson':
      return textWriter(ndjsonFormat);
    case 'excel':
      return restartingWriter(xlsxWriter({ sheetRowLimit: settings.xlsx.sheetRowLimit }));
    case 'pdf':
      return restartingWriter(pdfWriter(settings.pdf));
  }
}
