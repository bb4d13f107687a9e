// @ts-nocheck
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
  TITLE_FONT_SIZE,
  TITLE_LINE_HEIGHT,
  cellFormatter,
  columnBoxes,
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
    const table = tableDrawer(doc, meta, geometry);
    // The document is a Readable that pdfkit pushes into without waiting. It is never set flowing:
    // its buffer is read out after each finished page and yielded, so the next row is drawn only
    // once the consumer has taken the page before (and the next batch is pulled only then too).
    const take = (): Buffer | null => doc.read() as Buffer | null;
    let rows = 0;
    for await (const batch of batches) {
      for (const row of batch) {
        if (table.addRow(row)) {
          const bytes = take();
          if (bytes) yield bytes;
        }
        rows++;
      }
    }
    table.finish(rows);
    doc.end();
    for (let bytes = take(); bytes; bytes = take()) yield bytes;
  } finally {
    doc.destroy();
  }
}

interface TableDrawer {
  /** Draws one row, starting a page first when needed; true when that completed a page. */
  addRow(row: Row): boolean;
  /** Closes the last page (an export without rows gets its first page with a note). */
  finish(rowCount: number): void;
}

function tableDrawer(doc: Doc, meta: ExportMeta, geometry: PageGeometry): TableDrawer {
  const regular = openFont(doc, 'regular');
  const bold = openFont(doc, 'bold');
  const columns = meta.columns;
  const pt = (font: PdfFont, text: string, size: number): number => (font.run(text).width * size) / 1000;
  const boxes = columnBoxes(
    columns,
    geometry.usableWidth,
    columns.map((c) => {
      const fixed = widestFixedValue(c.type);
      const header = twoLineWidth(c.header, (line) => pt(bold, line, HEADER_FONT_SIZE));
      return Math.max(header, fixed ? pt(regular, fixed, BODY_FONT_SIZE) : 0) + 2 * CELL_PADDING + 0.5;
    }),
  );
  const fitters = columns.map((c, i) => cellFitter(regular, c.type, (boxes[i]?.width ?? 0) - 2 * CELL_PADDING));
  const header = headerOps(
    columns.map((c) => c.header),
    boxes,
    bold,
  );
  const bodyScale = BODY_FONT_SIZE / 1000;
  const bodyBaseline = baselineAbove(regular, BODY_FONT_SIZE, ROW_HEIGHT);
  const stripe = `${ROW_HEIGHT} re f`;
  const tableWidth = n(geometry.usableWidth);
  const footerLeft = `${meta.dataset.title} · ${meta.organizationName}`;
  const h = geometry.pageHeight;

  let pageNumber = 0;
  let pageOpen = false;
  let rowsOnPage = 0;
  let capacity = 0;
  /** Top of the next row, in PDF user space (origin bottom-left). */
  let rowTop = 0;
  /** The open page's content; handed to pdfkit in one piece when the page is done. */
  let ops = '';

  const startPage = (): void => {
    const previous = pageNumber === 0 ? undefined : doc.page;
    doc.addPage(); // writes the previous page out
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
    capacity = geometry.rowsPerPage;
    if (pageNumber === 1) {
      ops += titleOps(meta, geometry, regular, bold);
      top = geometry.firstTableTop;
      capacity = geometry.rowsOnFirstPage;
    }
    ops += `q 1 0 0 1 0 ${n(h - top - HEADER_HEIGHT)} cm\n${header}Q\n`;
    rowTop = h - top - HEADER_HEIGHT;
  };

  const endPage = (): void => {
    doc.addContent(Buffer.from(`${ops}Q\n`, 'latin1'));
    ops = '';
    pageOpen = false;
  };

  return {
    addRow(row) {
      let completed = false;
      if (pageOpen && rowsOnPage === capacity) {
        endPage();
        completed = true;
      }
      if (!pageOpen) startPage();
      const bottom = rowTop - ROW_HEIGHT;
      const y = n(bottom);
      let line = rowsOnPage % 2 === 1 ? `0.94 g ${MARGIN} ${y} ${tableWidth} ${stripe} 0 g\n` : '';
      line += `BT /${regular.id} ${BODY_FONT_SIZE} Tf`;
      // Td moves relative to the previous cell; the first one also sets the baseline.
      let x = 0;
      let dy = n(bottom + bodyBaseline);
      for (let i = 0; i < fitters.length; i++) {
        const value = row[i];
        if (value === null || value === undefined || value === '') continue;
        const glyphs = (fitters[i] as CellFitter)(value);
        const box = boxes[i] as ColumnBox;
        if (glyphs.codes === '') continue;
        const left = box.align === 'right' ? box.x + box.width - CELL_PADDING - glyphs.width * bodyScale : box.x + CELL_PADDING;
        line += ` ${n(left - x)} ${dy} Td (${glyphs.codes}) Tj`;
        x = left;
        dy = '0';
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
function forgetWrittenPage(page: PDFKit.PDFPage): void {
  const dictionary = page.dictionary as unknown as { offset?: unknown; data: object };
  if (typeof dictionary.offset === 'number') dictionary.data = {};
}

function textOps(font: PdfFont, size: number, x: number, baseline: number, glyphs: GlyphRun): string {
  return glyphs.codes === '' ? '' : `BT /${font.id} ${size} Tf ${n(x)} ${n(baseline)} Td (${glyphs.codes}) Tj ET\n`;
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
    if (!box) return;
    const room = (box.width - 2 * CELL_PADDING) / scale;
    const lines = headerLines(header, (line) => bold.run(line).width <= room);
    // Centre the block of lines in the header row.
    const lift = ((lines.length - 1) * HEADER_LINE_HEIGHT) / 2;
    lines.forEach((line, k) => {
      const glyphs = bold.fit(line, room);
      const left = box.align === 'right' ? box.x + box.width - CELL_PADDING - glyphs.width * scale : box.x + CELL_PADDING;
      const baseline = baselineAbove(bold, HEADER_FONT_SIZE, HEADER_HEIGHT) + lift - k * HEADER_LINE_HEIGHT;
      ops += `1 0 0 1 ${n(left)} ${n(baseline)} Tm (${glyphs.codes}) Tj\n`;
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

type CellFitter = (value: Exclude<CellValue, null>) => GlyphRun;

/** Distinct values a column remembers fitted (device, country, yes/no repeat; ids do not). */
const FIT_CACHE_LIMIT = 256;

/**
 * Formats and fits one column's values. Low-cardinality columns hit a small per-column cache;
 * a column whose values keep missing it (ids, emails, timestamps) stops using it.
 */
function cellFitter(font: PdfFont, type: ColumnType, widthPt: number): CellFitter {
  const maxWidth = (Math.max(widthPt, 0) * 1000) / BODY_FONT_SIZE;
  const format = cellFormatter(type);
  let cache: Map<CellValue, GlyphRun> | undefined = new Map();
  let hits = 0;
  let misses = 0;
  return (value) => {
    if (!cache) return font.fit(format(value), maxWidth);
    const hit = cache.get(value);
    if (hit) {
      hits++;
      return hit;
    }
    const glyphs = font.fit(format(value), maxWidth);
    if (++misses > 4 * FIT_CACHE_LIMIT && hits < misses) cache = undefined;
    else if (cache.size < FIT_CACHE_LIMIT) cache.set(value, glyphs);
    return glyphs;
  };
}

/** A coordinate for the content stream: two decimals are far below what a printer resolves. */
function n(value: number): string {
  // Integer arithmetic: turning small integers into strings is much cheaper than doubles.
  const hundredths = Math.round(value * 100);
  const whole = String(Math.trunc(hundredths / 100));
  const fraction = Math.abs(hundredths % 100);
  if (fraction === 0) return whole;
  const sign = hundredths < 0 && whole === '0' ? '-' : '';
  return `${sign}${whole}.${fraction < 10 ? '0' : ''}${fraction % 10 === 0 ? fraction / 10 : fraction}`;
}
