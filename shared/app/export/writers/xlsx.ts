/**
 * Excel (XLSX) format writer: a small streaming SpreadsheetML generator over a zip stream.
 *
 * Why not exceljs's streaming WorkbookWriter: its worksheet buffer ignores the zip entry's
 * backpressure and offers none to the caller (`row.commit()` is synchronous, there is no drain
 * signal), so a producer faster than deflate parks the sheet XML in memory: measured 703–736 MB
 * RSS at 1M session rows. The same exceljs run stays at 119 MB only if the caller polls a private
 * buffer (`worksheet._stream.pipes[0]._writableState`). Here every sheet is a Node stream whose
 * `write()` result is honoured, so a bounded few MB of XML are in flight whatever the row count
 * (≈ 100 MB peak RSS at 200k, 1M and 2.5M rows). Numbers: README "Formats";
 * reproduce with `test/shared/writers/fixtures/xlsxBench.mjs`.
 *
 * The zip layer is archiver 5.3.2, the version exceljs already ships (same ZIP output Excel has
 * been opening from exceljs). Strings are inline (`t="inlineStr"`): a shared-strings table would
 * have to stay in memory until the end.
 */
import { PassThrough } from 'node:stream';
import archiver from 'archiver';
import type { Row } from '../../../domain/datasets.js';
import type { ExportMeta, FormatWriter } from './writer.js';
import {
  EXCEL_MAX_ROWS,
  contentTypesXml,
  corePropsXml,
  rootRelsXml,
  rowRenderer,
  sheetHead,
  sheetName,
  sheetTail,
  stylesXml,
  workbookRelsXml,
  workbookXml,
  type SheetEntry,
} from './xlsxParts.js';

export interface XlsxWriterOptions {
  /**
   * Most rows on one worksheet, COUNTING its header row (Excel's own limit, 1,048,576, counts
   * every row). Each sheet therefore holds `sheetRowLimit - 1` data rows; further rows continue
   * on `<title> (2)`, `<title> (3)`, … each with its own header. Rows are never dropped.
   * An integer from 2 to 1,048,576.
   */
  readonly sheetRowLimit: number;
  /**
   * Deflate level 0–9. Default 1 (exceljs's default too): deflate is the CPU bottleneck, and
   * level 6 measured 1.4–2× slower for files only ≈17% smaller (72 vs 86 MB per 1M sessions rows).
   */
  readonly compressionLevel?: number;
}

/** XML text buffered before it is handed to the zip stream; also the stream buffer sizes. */
// Stryker disable next-line ArithmeticOperator: only how much text is handed to the zip per write changes; deflate yields the same bytes
const CHUNK_CHARS = 64 * 1024;
const STREAM_BUFFER_BYTES = 64 * 1024;

/**
 * Creates the XLSX writer.
 *
 * @example
 * const write = xlsxWriter({ sheetRowLimit: 1_048_576 });
 * for await (const bytes of write(batches, meta)) upload.write(bytes);
 */
export function xlsxWriter(options: XlsxWriterOptions): FormatWriter {
  const { sheetRowLimit, compressionLevel = 1 } = options;
  if (!Number.isInteger(sheetRowLimit) || sheetRowLimit < 2 || sheetRowLimit > EXCEL_MAX_ROWS) {
    throw new RangeError(`sheetRowLimit must be an integer from 2 to ${EXCEL_MAX_ROWS}, got ${sheetRowLimit}`);
  }
  if (!Number.isInteger(compressionLevel) || compressionLevel < 0 || compressionLevel > 9) {
    throw new RangeError(`compressionLevel must be an integer from 0 to 9, got ${compressionLevel}`);
  }
  return (batches, meta) => writeWorkbook(batches, meta, sheetRowLimit - 1, compressionLevel);
}

/** Raised inside the producer when the consumer stopped reading; never reaches the caller. */
class ConsumerGone extends Error {}

async function* writeWorkbook(
  batches: AsyncIterable<readonly Row[]>,
  meta: ExportMeta,
  dataRowsPerSheet: number,
  level: number,
): AsyncGenerator<Uint8Array> {
  const archive = archiver('zip', { zlib: { level }, highWaterMark: STREAM_BUFFER_BYTES });
  // A native stream between archiver (readable-stream 3) and the caller: it carries a producer
  // error to the caller's `for await`, and its small buffer is the last stage of backpressure.
  // Stryker disable next-line ObjectLiteral: a buffer size; the bytes and their order are the same, only memory in flight differs
  const out = new PassThrough({ highWaterMark: STREAM_BUFFER_BYTES });
  archive.on('error', (err: Error) => out.destroy(err));
  archive.pipe(out);

  const state = { stopped: false, current: undefined as PassThrough | undefined };
  const producing = produce(archive, batches, meta, dataRowsPerSheet, state).catch((err: unknown) => {
    if (err instanceof ConsumerGone) return;
    out.destroy(err instanceof Error ? err : new Error(`export input failed: ${String(err)}`, { cause: err }));
  });
  try {
    for await (const chunk of out) yield chunk as Buffer;
  } finally {
    // Normal end: all no-ops. Early return or error: stop the producer, which ends the input
    // iteration (closing a database cursor), and wait for it so nothing runs after we return.
    state.stopped = true;
    state.current?.destroy();
    archive.abort();
    out.destroy();
    await producing;
  }
}

async function produce(
  archive: archiver.Archiver,
  batches: AsyncIterable<readonly Row[]>,
  meta: ExportMeta,
  dataRowsPerSheet: number,
  state: { stopped: boolean; current: PassThrough | undefined },
): Promise<void> {
  const { columns } = meta;
  const renderRow = rowRenderer(columns);
  const date = Number.isNaN(Date.parse(meta.generatedAt)) ? new Date(0) : new Date(meta.generatedAt);
  const sheets: SheetEntry[] = [];
  let rowNumber = 0; // 1-based row number of the last row written on the current sheet
  let pending = '';

  const openSheet = async (): Promise<void> => {
    // Stryker disable next-line ObjectLiteral: a buffer size; the bytes and their order are the same, only memory in flight differs
    const entry = new PassThrough({ highWaterMark: STREAM_BUFFER_BYTES });
    state.current = entry;
    archive.append(entry, { name: `xl/worksheets/sheet${sheets.length + 1}.xml`, date });
    sheets.push({ name: sheetName(meta.dataset.title, sheets.length + 1), rowCount: 1 });
    rowNumber = 1;
    await write(entry, sheetHead(columns, sheets.length === 1), state);
  };
  const closeSheet = async (): Promise<void> => {
    const entry = state.current as PassThrough;
    sheets[sheets.length - 1] = { ...(sheets[sheets.length - 1] as SheetEntry), rowCount: rowNumber };
    await write(entry, pending + sheetTail(columns.length, rowNumber), state);
    pending = '';
    entry.end();
  };

  await openSheet();
  for await (const batch of batches) {
    if (state.stopped) throw new ConsumerGone();
    for (const row of batch) {
      if (rowNumber > dataRowsPerSheet) {
        await closeSheet();
        await openSheet();
      }
      rowNumber += 1;
      pending += renderRow(rowNumber, row);
      // Stryker disable next-line EqualityOperator: flushing at or just past the buffer size only changes the size of each write; deflate yields the same bytes
      if (pending.length >= CHUNK_CHARS) {
        const text = pending;
        pending = '';
        await write(state.current as PassThrough, text, state);
      }
    }
  }
  await closeSheet();

  archive.append(stylesXml(), { name: 'xl/styles.xml', date });
  archive.append(workbookXml(sheets, columns.length), { name: 'xl/workbook.xml', date });
  archive.append(workbookRelsXml(sheets.length), { name: 'xl/_rels/workbook.xml.rels', date });
  const title = `${meta.dataset.title} export, ${meta.organizationName}, ${meta.dateFrom} to ${meta.dateTo}`;
  archive.append(corePropsXml(title, meta.generatedAt), { name: 'docProps/core.xml', date });
  archive.append(rootRelsXml(), { name: '_rels/.rels', date });
  archive.append(contentTypesXml(sheets.length), { name: '[Content_Types].xml', date });
  // Resolves only once the caller has read everything; errors reach the caller through `out`.
  archive.finalize().catch(() => undefined);
}

/** Writes text to a sheet stream; when its buffer is full, waits until the zip has taken it. */
function write(entry: PassThrough, text: string, state: { stopped: boolean }): Promise<void> {
  // Stryker disable next-line LogicalOperator: `stopped` is set and the current entry destroyed together (the finally above), so both are always equal here
  if (state.stopped || entry.destroyed) return Promise.reject(new ConsumerGone());
  if (entry.write(text)) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (err?: Error): void => {
      entry.off('drain', onDrain);
      entry.off('close', onClose);
      if (err) reject(err);
      else resolve();
    };
    const onDrain = (): void => settle();
    const onClose = (): void => settle(new ConsumerGone());
    entry.on('drain', onDrain);
    entry.on('close', onClose);
  });
}
