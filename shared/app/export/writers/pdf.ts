import PDFDocument from 'pdfkit';
import type { CellValue, ColumnType, Row } from '../../../domain/datasets.js';
import { openFont, type GlyphRun, type PdfFont } from './pdfGlyphs.js';
import {
  BODY_FONT_SIZE,
  CELL_PADDING,
  FOOTER_BASELINE,
  FOOTER_FONT_SIZE,
  HEADER_FONT_SIZE,
  HEADER_HEIGHT,
  HEADER_LINE_HEIGHT,
  INFO_FONT_SIZE,
  INFO_LINE_HEIGHT,
  MARGIN,
  ROW_HEIGHT,
  BODY_LINE_HEIGHT,
  TITLE_FONT_SIZE,
  TITLE_LINE_HEIGHT,
  cellFormatter,
  columnBoxes,
  type CellFormatter,
  headerLines,
  pageGeometry,
  readableDate,
  readableTimestamp,
  twoLineWidth,
  widestFixedValue,
  type ColumnBox,
  type PageGeometry,
} from './pdfTable.js';
import type { ExportMeta, FormatWriter } from './writer.js';

export interface PdfWriterOptions {
  /** A pdfkit page size name: A4, A3, LETTER, LEGAL, … (callers default to A4). */
  readonly pageSize: string;
  readonly orientation: 'landscape' | 'portrait';
}

type Doc = PDFKit.PDFDocument;

/**
 * PDF writer: a title block, then one table whose header row repeats on every page, "Page N" in
 * each footer. Text is set in an embedded subset of DejaVu Sans Condensed, so Latin, Greek and
 * Cyrillic text renders and can be searched and copied.
 *
 * Streaming: rows are drawn into the current page; when a page is full pdfkit compresses and
 * emits it, and the writer hands those bytes to the consumer before it draws another row. What
 * stays in memory is one page, one batch of rows and pdfkit's cross-reference bookkeeping (a few
 * hundred bytes a page) — never the document.
 */
export function pdfWriter(options: PdfWriterOptions): FormatWriter {
  const page = pageSize(options);
  return (batches, meta) => renderPdf(batches, meta, pageGeometry(page, meta.rowCount !== undefined));
}

/** Page dimensions in points; rejects an unknown page size when the writer is made, not mid-export. */
function pageSize(options: PdfWriterOptions): { width: number; height: number } {
  let doc: Doc;
  try {
    doc = new PDFDocument({ size: options.pageSize, layout: options.orientation });
  } catch {
    throw new Error(`unknown PDF page size "${options.pageSize}"`);
  }
  const { width, height } = doc.page;
  doc.destroy();
  return { width, height };
}

async function* renderPdf(
  batches: AsyncIterable<readonly Row[]>,
  meta: ExportMeta,
  geometry: PageGeometry,
): AsyncGenerator<Uint8Array> {
  const generatedAt = new Date(meta.generatedAt);
  const doc = new PDFDocument({
    size: [geometry.pageWidth, geometry.pageHeight],
    margin: MARGIN,
    autoFirstPage: false,
    pdfVersion: '1.4',
    info: {
      Title: `${meta.dataset.title} export — ${meta.organizationName}`,
      Subject: `${meta.dataset.title}, ${meta.dateFrom} to ${meta.dateTo}`,
      Creator: 'Portal Export Service',
      ...(Number.isNaN(generatedAt.getTime()) ? {} : { CreationDate: generatedAt }),
    },
  });
  try {
    // The first batch sizes the columns from the data (the header row is drawn with those widths
    // on every page): a column of short values takes what they need, long text shares the rest.
    const source = batches[Symbol.asyncIterator]();
    const first = await source.next();
    // Stryker disable next-line ArrayDeclaration: with no rows there is nothing to size from; a made-up row of one-character cells is narrower than every column's minimum
    const sample = first.done ? [] : first.value;
    const table = tableDrawer(doc, meta, geometry, sample);
    // The document is a Readable that pdfkit pushes into without waiting. It is never set flowing:
    // its buffer is read out after each finished page and yielded, so the next row is drawn only
    // once the consumer has taken the page before (and the next batch is pulled only then too).
    const take = (): Buffer | null => doc.read() as Buffer | null;
    let rows = 0;
    const rest = { [Symbol.asyncIterator]: () => source };
    async function* all(): AsyncGenerator<readonly Row[]> {
      if (!first.done) yield first.value;
      yield* rest;
    }
    for await (const batch of all()) {
      for (const row of batch) {
        if (table.addRow(row)) {
          const bytes = take();
          // Stryker disable next-line ConditionalExpression: addRow reports a page only once pdfkit has written it, so its bytes are always there to take
          if (bytes) yield bytes;
        }
        // Stryker disable next-line UpdateOperator: finish only asks whether no row was drawn, and then the count is 0 either way
        rows++;
      }
    }
    table.finish(rows);
    doc.end();
    for (let bytes = take(); bytes; bytes = take()) yield bytes;
  } finally /* Stryker disable next-line BlockStatement: only frees pdfkit's buffers sooner; the bytes handed out are the same */ {
    doc.destroy();
  }
}

interface TableDrawer {
  /** Draws one row, starting a page first when needed; true when that completed a page. */
  addRow(row: Row): boolean;
  /** Closes the last page (an export without rows gets its first page with a note). */
  finish(rowCount: number): void;
}

/** Rows of the first batch measured to size the columns. */
const SIZING_SAMPLE_ROWS = 1000;

function tableDrawer(doc: Doc, meta: ExportMeta, geometry: PageGeometry, sample: readonly Row[]): TableDrawer {
  const regular = openFont(doc, 'regular');
  const bold = openFont(doc, 'bold');
  const columns = meta.columns;
  const pt = (font: PdfFont, text: string, size: number): number => (font.run(text).width * size) / 1000;
  const padding = 2 * CELL_PADDING + 0.5;
  const formats = columns.map((c) => cellFormatter(c.type));
  const natural = columns.map((_, i) => {
    let widest = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: slicing a sample of at most 1,000 rows to 1,000 keeps all of it (sizing from every row, the `false` variant, fails pdfRowFlow.test.ts)
    for (const row of sample.length > SIZING_SAMPLE_ROWS ? sample.slice(0, SIZING_SAMPLE_ROWS) : sample) {
      const v = row[i];
      // Stryker disable next-line ConditionalExpression,StringLiteral: an empty string measures 0 pt, and "null" (11.5 pt) is narrower than every catalog column's minimum (its header), so measuring either changes no width (skipping every cell, or measuring a missing cell as "undefined", fails pdfPages.test.ts)
      if (v === null || v === undefined || v === '') continue;
      widest = Math.max(widest, pt(regular, (formats[i] as CellFormatter)(v), BODY_FONT_SIZE));
    }
    return widest + padding;
  });
  const boxes = columnBoxes(
    columns,
    geometry.usableWidth,
    columns.map((c) => {
      // A whole id (every UUID is as wide as its example), a whole timestamp, a whole yes/no.
      const fixed = c.example ?? widestFixedValue(c.type);
      const header = twoLineWidth(c.header, (line) => pt(bold, line, HEADER_FONT_SIZE));
      return Math.max(header, fixed ? pt(regular, fixed, BODY_FONT_SIZE) : 0) + padding;
    }),
    natural,
  );
  // Stryker disable next-line OptionalChaining: columnBoxes returns a box for every column
  const fitters = columns.map((c, i) => cellFitter(regular, c.type, (boxes[i]?.width ?? 0) - 2 * CELL_PADDING));
  const header = headerOps(
    columns.map((c) => c.header),
    boxes,
    bold,
  );
  const bodyScale = BODY_FONT_SIZE / 1000;
  const bodyBaseline = baselineAbove(regular, BODY_FONT_SIZE, ROW_HEIGHT);
  /** The lowest a row may reach, in PDF user space: the bottom margin. */
  const tableBottom = MARGIN;
  /** Lines a cell may take at most: what fits on an empty page (a longer cell says what it leaves out). */
  // The first page (below the title block) has the least room: a row that fits there fits anywhere.
  const maxLines = Math.max(
    1,
    Math.floor((geometry.pageHeight - geometry.firstTableTop - HEADER_HEIGHT - MARGIN - ROW_HEIGHT) / BODY_LINE_HEIGHT) + 1,
  );
  const tableWidth = n(geometry.usableWidth);
  const footerLeft = `${meta.dataset.title} · ${meta.organizationName}`;
  const h = geometry.pageHeight;

  /** The laid-out cells of the row being drawn (one array for every row: less garbage). */
  // Stryker disable next-line ArrayDeclaration: the array is only pre-sized; every cell is assigned before it is read
  const cells: (readonly GlyphRun[] | undefined)[] = new Array<readonly GlyphRun[] | undefined>(columns.length);
  let pageNumber = 0;
  let pageOpen = false;
  let rowsOnPage = 0;
  /** Top of the next row, in PDF user space (origin bottom-left). */
  let rowTop = 0;
  /** The open page's content; handed to pdfkit in one piece when the page is done. */
  // Stryker disable next-line StringLiteral: startPage assigns ops before anything is added to it
  let ops = '';

  const startPage = (): void => {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: only which written page's dictionary is dropped, i.e. memory (pdfMemory.integration.test.ts); before the first page doc.page is undefined anyway
    const previous = pageNumber === 0 ? undefined : doc.page;
    doc.addPage(); // writes the previous page out
    // Stryker disable next-line ConditionalExpression: memory only, as forgetWrittenPage (the `true` variant fails on the first page)
    if (previous) forgetWrittenPage(previous);
    pageNumber++;
    pageOpen = true;
    rowsOnPage = 0;
    regular.useOnPage(doc);
    bold.useOnPage(doc);
    // pdfkit has flipped the y axis for its own drawing; flipping again gives plain PDF user space.
    ops = `q 1 0 0 -1 0 ${n(h)} cm\n`;
    const footerScale = FOOTER_FONT_SIZE / 1000;
    const pageLabel = regular.run(`Page ${pageNumber}`);
    const labelWidth = pageLabel.width * footerScale;
    const left = regular.fit(footerLeft, (geometry.usableWidth - labelWidth - 24) / footerScale);
    ops += '0.35 g\n';
    ops += textOps(regular, FOOTER_FONT_SIZE, MARGIN, FOOTER_BASELINE, left);
    ops += textOps(regular, FOOTER_FONT_SIZE, MARGIN + geometry.usableWidth - labelWidth, FOOTER_BASELINE, pageLabel);
    ops += '0 g\n';
    let top = geometry.tableTop;
    if (pageNumber === 1) {
      ops += titleOps(meta, geometry, regular, bold);
      top = geometry.firstTableTop;
    }
    ops += `q 1 0 0 1 0 ${n(h - top - HEADER_HEIGHT)} cm\n${header}Q\n`;
    rowTop = h - top - HEADER_HEIGHT;
  };

  const endPage = (): void => {
    doc.addContent(Buffer.from(`${ops}Q\n`, 'latin1'));
    // Stryker disable next-line StringLiteral: a dead store — startPage assigns ops before the next page adds to it
    ops = '';
    pageOpen = false;
  };

  return {
    addRow(row) {
      // Each cell on as many lines as it needs: the row is as tall as its tallest cell.
      let lines = 1;
      for (let i = 0; i < fitters.length; i++) {
        const value = row[i];
        // Stryker disable next-line ConditionalExpression,StringLiteral: an empty string wraps to one empty line, which addRow skips: nothing is drawn either way (drawing null or a missing cell as text fails pdf.test.ts / pdfPages.test.ts)
        if (value === null || value === undefined || value === '') {
          cells[i] = undefined;
          continue;
        }
        const wrapped = (fitters[i] as CellFitter)(value, maxLines);
        cells[i] = wrapped;
        // Stryker disable next-line EqualityOperator: '>=' assigns the same value
        if (wrapped.length > lines) lines = wrapped.length;
      }
      const height = ROW_HEIGHT + (lines - 1) * BODY_LINE_HEIGHT;
      let completed = false;
      // (A hundredth of a point of slack: the sum of many row heights must not lose a row to rounding.)
      // Stryker disable next-line ConditionalExpression,EqualityOperator: a page is open only with a row on it, so `rowsOnPage > 0` (or `>= 0`) always holds there; `<=` differs from `<` only for a row ending exactly 35.99 pt up, which no page size with 11 and 8.5 pt rows gives (the exact fit at 36 pt is pdfRowFlow.test.ts)
      if (pageOpen && rowsOnPage > 0 && rowTop - height < tableBottom - 0.01) {
        endPage();
        completed = true;
      }
      if (!pageOpen) startPage();
      const bottom = rowTop - height;
      let line = rowsOnPage % 2 === 1 ? `0.94 g ${MARGIN} ${n(bottom)} ${tableWidth} ${n(height)} re f 0 g\n` : '';
      line += `BT /${regular.id} ${BODY_FONT_SIZE} Tf`;
      // Td moves relative to the previous line's start; the first one also sets the baseline.
      const firstBaseline = bottom + height - ROW_HEIGHT + bodyBaseline;
      let x = 0;
      let y = 0;
      for (let i = 0; i < cells.length; i++) {
        const wrapped = cells[i];
        if (!wrapped) continue;
        const box = boxes[i] as ColumnBox;
        for (let k = 0; k < wrapped.length; k++) {
          const glyphs = wrapped[k] as GlyphRun;
          // Stryker disable next-line ConditionalExpression,StringLiteral: wrap never yields an empty line for a non-empty value, and an empty run would draw nothing
          if (glyphs.codes === '') continue;
          const left = box.align === 'right' ? box.x + box.width - CELL_PADDING - glyphs.width * bodyScale : box.x + CELL_PADDING;
          const baseline = firstBaseline - k * BODY_LINE_HEIGHT;
          line += ` ${n(left - x)} ${n(baseline - y)} Td ${regular.showText(glyphs, BODY_FONT_SIZE)}`;
          x = left;
          y = baseline;
        }
      }
      ops += `${line} ET\n`;
      rowTop = bottom;
      rowsOnPage++;
      // pdfkit writes a page out when the next one is added, so a page's bytes become available
      // as the first row of the following page is drawn.
      return completed;
    },
    finish(rowCount) {
      if (!pageOpen) {
        startPage();
        // Stryker disable next-line ConditionalExpression: finish draws a page only when no row did, and then the count is 0
        if (rowCount === 0) {
          const note = regular.run('No rows for this organization and date range.');
          ops += textOps(regular, BODY_FONT_SIZE, MARGIN + CELL_PADDING, rowTop - ROW_HEIGHT + bodyBaseline, note);
        }
      }
      endPage();
    },
  };
}

/**
 * pdfkit keeps every page's dictionary (and through it the page's content and resources objects)
 * in the page tree until the document ends, although only the object number is needed once the
 * page has been written: about 1 KB a page. Dropping the written dictionary's data keeps that
 * bookkeeping to a few dozen bytes a page (the object number in the page tree, its xref offset).
 */
function forgetWrittenPage(page: PDFKit.PDFPage): void /* Stryker disable next-line BlockStatement: memory only, as below */ {
  const dictionary = page.dictionary as unknown as { offset?: unknown; data: object };
  // Stryker disable next-line ConditionalExpression,EqualityOperator,StringLiteral: memory only (pdfMemory.integration.test.ts): the page was written when the next one was added, and its dictionary is not read again
  if (typeof dictionary.offset === 'number') dictionary.data = {};
}

function textOps(font: PdfFont, size: number, x: number, baseline: number, glyphs: GlyphRun): string {
  // Stryker disable next-line ConditionalExpression,StringLiteral: no title, footer or note line is empty, and an empty run would draw nothing
  return glyphs.codes === '' ? '' : `BT /${font.id} ${size} Tf ${n(x)} ${n(baseline)} Td ${font.showText(glyphs, size)} ET\n`;
}

function titleOps(meta: ExportMeta, geometry: PageGeometry, regular: PdfFont, bold: PdfFont): string {
  const lines = [
    `Organization: ${meta.organizationName} (${meta.organizationId})`,
    `Date range: ${readableDate(meta.dateFrom)} – ${readableDate(meta.dateTo)}`,
    `Generated at: ${readableTimestamp(meta.generatedAt)} UTC`,
  ];
  if (meta.rowCount !== undefined) lines.push(`Rows: ${meta.rowCount.toLocaleString('en-US')}`);
  let top = MARGIN;
  let ops = '';
  const put = (font: PdfFont, size: number, lineHeight: number, text: string): void => {
    const glyphs = font.fit(text, (geometry.usableWidth * 1000) / size);
    const baseline = geometry.pageHeight - top - lineHeight + baselineAbove(font, size, lineHeight);
    ops += textOps(font, size, MARGIN, baseline, glyphs);
    top += lineHeight;
  };
  put(bold, TITLE_FONT_SIZE, TITLE_LINE_HEIGHT, `${meta.dataset.title} export`);
  for (const line of lines) put(regular, INFO_FONT_SIZE, INFO_LINE_HEIGHT, line);
  return ops;
}

/** The header row, drawn once per export with its bottom at y = 0 and placed on each page by `cm`. */
function headerOps(headers: readonly string[], boxes: readonly ColumnBox[], bold: PdfFont): string {
  const scale = HEADER_FONT_SIZE / 1000;
  const width = boxes.reduce((sum, b) => sum + b.width, 0);
  let ops = `0.85 g ${MARGIN} 0 ${n(width)} ${HEADER_HEIGHT} re f 0 g\nBT /${bold.id} ${HEADER_FONT_SIZE} Tf\n`;
  headers.forEach((header, i) => {
    const box = boxes[i];
    // Stryker disable next-line ConditionalExpression: columnBoxes returns a box for every header
    if (!box) return;
    const room = (box.width - 2 * CELL_PADDING) / scale;
    // Stryker disable next-line EqualityOperator: the 0.5 pt slack in a column's padding keeps a header line that sized it below its room, never equal to it
    const lines = headerLines(header, (line) => bold.run(line).width <= room);
    // Centre the block of lines in the header row.
    const lift = ((lines.length - 1) * HEADER_LINE_HEIGHT) / 2;
    lines.forEach((line, k) => {
      const glyphs = bold.fit(line, room);
      const left = box.align === 'right' ? box.x + box.width - CELL_PADDING - glyphs.width * scale : box.x + CELL_PADDING;
      const baseline = baselineAbove(bold, HEADER_FONT_SIZE, HEADER_HEIGHT) + lift - k * HEADER_LINE_HEIGHT;
      ops += `1 0 0 1 ${n(left)} ${n(baseline)} Tm ${bold.showText(glyphs, HEADER_FONT_SIZE)}\n`;
    });
  });
  return `${ops}ET\n`;
}

/** Height of the baseline above a box's bottom that centres the font's glyphs in the box. */
function baselineAbove(font: PdfFont, size: number, boxHeight: number): number {
  const ascent = (font.ascender * size) / 1000;
  const descent = (-font.descender * size) / 1000;
  return (boxHeight - ascent - descent) / 2 + descent;
}

type CellFitter = (value: Exclude<CellValue, null>, maxLines: number) => readonly GlyphRun[];

/** Distinct values a column remembers laid out (device, country, yes/no repeat; ids do not). */
const FIT_CACHE_LIMIT = 256;

/**
 * Formats one column's values and lays each out on the lines it needs in the column's width.
 * Low-cardinality columns hit a small per-column cache; a column whose values keep missing it
 * (ids, emails, timestamps) stops using it. A value longer than `maxLines` lines (only text of
 * thousands of characters does that) keeps what fits and says how much it leaves out.
 */
function cellFitter(font: PdfFont, type: ColumnType, widthPt: number): CellFitter {
  const maxWidth = (Math.max(widthPt, 0) * 1000) / BODY_FONT_SIZE;
  const format = cellFormatter(type);
  let cache: Map<CellValue, readonly GlyphRun[]> | undefined = new Map();
  let hits = 0;
  let misses = 0;
  const layout = (value: Exclude<CellValue, null>, maxLines: number): readonly GlyphRun[] => {
    const text = format(value);
    const lines = font.wrap(text, maxWidth);
    if (lines.length <= maxLines) return lines;
    // Said, not silent: the reader learns the cell goes on, and where to read it whole.
    const note = font.wrap(
      `… (${[...text].length.toLocaleString('en-US')} characters in all: see the CSV or JSON export)`,
      maxWidth,
    );
    return [...lines.slice(0, Math.max(1, maxLines - note.length)), ...note];
  };
  return (value, maxLines) => {
    // Stryker disable next-line ConditionalExpression,BooleanLiteral: the cache only saves laying out a repeated value again: the lines are the same either way (the `false` variant, reading a dropped cache, fails pdfRowFlow.test.ts)
    if (!cache) return layout(value, maxLines);
    const hit = cache.get(value);
    // Stryker disable next-line ConditionalExpression,BlockStatement: the cache only saves laying out a repeated value again: the lines are the same either way
    if (hit) {
      // Stryker disable next-line UpdateOperator: the cache only saves laying out a repeated value again: the lines are the same either way
      hits++;
      return hit;
    }
    const lines = layout(value, maxLines);
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator,ArithmeticOperator,UpdateOperator: when to give the cache up; the cache only saves laying out a repeated value again: the lines are the same either way
    if (++misses > 4 * FIT_CACHE_LIMIT && hits < misses) cache = undefined;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: how much the cache holds; the cache only saves laying out a repeated value again: the lines are the same either way
    else if (cache.size < FIT_CACHE_LIMIT) cache.set(value, lines);
    return lines;
  };
}

/** A coordinate for the content stream: two decimals are far below what a printer resolves. */
function n(value: number): string {
  // Integer arithmetic: turning small integers into strings is much cheaper than doubles.
  const hundredths = Math.round(value * 100);
  const whole = String(Math.trunc(hundredths / 100));
  const fraction = Math.abs(hundredths % 100);
  // Stryker disable next-line ConditionalExpression: without the early return a whole number reads 38.00, the same coordinate
  if (fraction === 0) return whole;
  const sign = hundredths < 0 && whole === '0' ? '-' : '';
  // Stryker disable next-line ConditionalExpression,ArithmeticOperator: keeping the trailing zero of the hundredths (38.50 for 38.5) is the same coordinate (the variants that misplace the digits fail the layout tests)
  return `${sign}${whole}.${fraction < 10 ? '0' : ''}${fraction % 10 === 0 ? fraction / 10 : fraction}`;
}
