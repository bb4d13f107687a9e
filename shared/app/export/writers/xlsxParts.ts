/**
 * The SpreadsheetML (OOXML) text of an XLSX file, as plain functions over strings.
 *
 * Only what an export needs: one workbook of worksheets with inline strings (no shared-strings
 * table, which would grow with the row count), four cell styles, a frozen bold header row, column
 * widths and an autofilter. `xlsx.ts` streams these parts through a zip archive.
 */
import type { CellValue, ColumnDef } from '../../../domain/datasets.js';
import { neutraliseFormula } from './cellSafety.js';

const NS_MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const NS_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const NS_PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Excel's hard limits (Excel specifications and limits). */
export const EXCEL_MAX_ROWS = 1_048_576;
export const EXCEL_MAX_CELL_TEXT = 32_767;
const EXCEL_MAX_SHEET_NAME = 31;

/** Indexes into `cellXfs` of {@link stylesXml}. */
const STYLE_HEADER = 1;
const STYLE_DATETIME = 2;
const STYLE_DATE = 3;

/** A worksheet as the workbook part lists it. */
export interface SheetEntry {
  readonly name: string;
  /** Rows written including the header row. */
  readonly rowCount: number;
}

// ---------------------------------------------------------------------------------------------
// Text

const NEEDS_ESCAPE = /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ud800-\udfff\ufffe\uffff]|_x[0-9a-fA-F]{4}_/;
const ESCAPE_ALL =
  /[&<>\r\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff][\udc00-\udfff]|[\ud800-\udfff]|_(?=x[0-9a-fA-F]{4}_)/g;

const hex4 = (code: number): string => code.toString(16).toUpperCase().padStart(4, '0');

function escapeOne(match: string): string {
  switch (match) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    // A raw CR would be normalised to LF by every XML parser.
    case '\r':
      return '&#13;';
    // Literal text that looks like an OOXML escape must be escaped itself, or readers decode it.
    // Stryker disable next-line ConditionalExpression,StringLiteral: without this case '_' reaches the default branch, which writes _x005F_ (U+005F) as well
    case '_':
      return '_x005F_';
    default:
      // A valid surrogate pair is ordinary text; a lone surrogate cannot be encoded in UTF-8.
      if (match.length === 2) return match;
      if (match >= '\ud800' && match <= '\udfff') return '\ufffd';
      // Control characters are not allowed in XML 1.0, even as character references; OOXML's
      // ST_Xstring escape `_xHHHH_` carries them (Excel and SheetJS decode it).
      return `_x${hex4(match.charCodeAt(0))}_`;
  }
}

/** Escapes text for element content of a SpreadsheetML string (`<t>`). */
export function escapeText(text: string): string {
  return NEEDS_ESCAPE.test(text) ? text.replace(ESCAPE_ALL, escapeOne) : text;
}

/** Escapes text for an XML attribute value or a plain XML element (no OOXML `_xHHHH_` rules). */
function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&quot;'));
}

/** Leading/trailing whitespace and line breaks survive only with `xml:space="preserve"`. */
const NEEDS_PRESERVE = /^[\s]|[\s]$|[\n\t]/;

/** A text cell's content: formula-neutralised, within Excel's length limit, XML-escaped. */
function inlineString(text: string): string {
  let safe = neutraliseFormula(text);
  if (safe.length > EXCEL_MAX_CELL_TEXT) {
    // Excel refuses longer cells ("repairs" the file); cut without splitting a surrogate pair.
    let end = EXCEL_MAX_CELL_TEXT;
    const last = safe.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1;
    safe = safe.slice(0, end);
  }
  const space = NEEDS_PRESERVE.test(safe) ? ' xml:space="preserve"' : '';
  return `<is><t${space}>${escapeText(safe)}</t></is>`;
}

// ---------------------------------------------------------------------------------------------
// Values

const MS_PER_DAY = 86_400_000;
/** Days from Excel's epoch (serial 0 = 1899-12-30 in the 1900 date system) to 1970-01-01. */
const UNIX_EPOCH_SERIAL = 25_569;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** ISO-8601 instant; without a zone designator it is read as UTC, like the sources produce. */
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?(Z|[+-]\d{2}:\d{2})?$/;
const NUMERIC_TEXT = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Excel serial number of a UTC instant, or undefined when Excel cannot show it.
 * Excel's 1900 date system counts a 29 Feb 1900 that never was (Lotus compatibility), so
 * instants before 1 March 1900 sit one serial lower; before 1 Jan 1900 there are no dates.
 */
export function excelSerial(epochMs: number): number | undefined {
  if (!Number.isFinite(epochMs)) return undefined;
  let serial = epochMs / MS_PER_DAY + UNIX_EPOCH_SERIAL;
  if (serial < 61) serial -= 1;
  if (serial < 1 || serial >= 2_958_466) return undefined; // 1900-01-01 … 9999-12-31
  return serial;
}

function dateSerial(value: string, type: 'date' | 'timestamp'): number | undefined {
  if (type === 'date') {
    const m = ISO_DATE.exec(value);
    if (!m) return undefined;
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    // Reject 2026-02-31 and friends rather than roll them over.
    if (new Date(ms).toISOString().slice(0, 10) !== value) return undefined;
    return excelSerial(ms);
  }
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  // Date-only and zoned forms already parse as UTC; a bare local date-time would not.
  const utc = m[1] === undefined && value.length > 10 ? `${value.replace(' ', 'T')}Z` : value.replace(' ', 'T');
  return excelSerial(Date.parse(utc));
}

/** Column letters of a zero-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    s = String.fromCharCode(65 + rem) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/**
 * One `<c>` element, typed by the value and its column:
 * - null → no element (an empty cell);
 * - boolean → boolean cell;
 * - finite number → numeric cell (NaN/±Infinity, which XLSX cannot hold, become text);
 * - string in a timestamp/date column → date serial with a date-time/date format; text when it
 *   does not parse or falls outside Excel's date range, so nothing is lost;
 * - numeric string in an integer/number column (drivers return BIGINT/DECIMAL as text) → number;
 * - any other string → inline string, formula-neutralised. Never a formula (`<f>`).
 */
export function cellXml(ref: string, value: CellValue, type: ColumnDef['type']): string {
  if (value === null) return '';
  if (typeof value === 'boolean') return `<c r="${ref}" t="b"><v>${value ? 1 : 0}</v></c>`;
  if (typeof value === 'number') {
    return Number.isFinite(value)
      ? `<c r="${ref}"><v>${value}</v></c>`
      : `<c r="${ref}" t="inlineStr">${inlineString(String(value))}</c>`;
  }
  if (type === 'timestamp' || type === 'date') {
    const serial = dateSerial(value, type);
    if (serial !== undefined) {
      return `<c r="${ref}" s="${type === 'date' ? STYLE_DATE : STYLE_DATETIME}"><v>${serial}</v></c>`;
    }
  } else if ((type === 'integer' || type === 'number') && NUMERIC_TEXT.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n)) return `<c r="${ref}"><v>${n}</v></c>`;
  }
  return `<c r="${ref}" t="inlineStr">${inlineString(value)}</c>`;
}

/** Renders data rows of a sheet; precomputes the column letters once per export. */
export function rowRenderer(columns: readonly ColumnDef[]): (rowNumber: number, row: readonly CellValue[]) => string {
  const letters = columns.map((_, i) => columnLetters(i));
  const types = columns.map((c) => c.type);
  return (rowNumber, row) => {
    let xml = `<row r="${rowNumber}">`;
    for (let i = 0; i < letters.length; i++) {
      xml += cellXml(`${letters[i] as string}${rowNumber}`, row[i] ?? null, types[i] as ColumnDef['type']);
    }
    return `${xml}</row>`;
  };
}

// ---------------------------------------------------------------------------------------------
// Worksheets

/** Width in Excel character units: the declared width, but never narrower than the header plus
 * the autofilter drop-down button (≈ 2 characters) and a little padding. */
export function columnWidth(column: ColumnDef): number {
  return Math.min(255, Math.max(column.width, column.header.length + 3) + 0.7109375);
}

/** Everything of a worksheet up to and including its header row. */
export function sheetHead(columns: readonly ColumnDef[], selected: boolean): string {
  const cols = columns.map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c)}" customWidth="1"/>`).join('');
  const header = columns
    .map((c, i) => `<c r="${columnLetters(i)}1" t="inlineStr" s="${STYLE_HEADER}">${inlineString(c.header)}</c>`)
    .join('');
  return (
    `${XML_DECL}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
    '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' +
    '</sheetView></sheetViews>' +
    '<sheetFormatPr defaultRowHeight="15"/>' +
    (cols ? `<cols>${cols}</cols>` : '') +
    `<sheetData><row r="1">${header}</row>`
  );
}

/** The range an autofilter covers: header row through the last data row. */
export function filterRange(columnCount: number, rowCount: number): string {
  return `A1:${columnLetters(Math.max(columnCount, 1) - 1)}${Math.max(rowCount, 1)}`;
}

/** Closes a worksheet opened by {@link sheetHead}. */
export function sheetTail(columnCount: number, rowCount: number): string {
  const filter = columnCount > 0 ? `<autoFilter ref="${filterRange(columnCount, rowCount)}"/>` : '';
  return `</sheetData>${filter}</worksheet>`;
}

/**
 * Name of the n-th sheet (1-based): `Title`, `Title (2)`, … Excel forbids `\ / ? * [ ] :`, a
 * leading or trailing apostrophe and names over 31 characters, so the title is cleaned and cut
 * to leave room for the suffix.
 */
export function sheetName(title: string, n: number): string {
  const suffix = n === 1 ? '' : ` (${n})`;
  let base = title
    .replace(/[\\/?*[\]:\u0000-\u001f]/g, '_')
    .replace(/^'+|'+$/g, '')
    .trim();
  if (base === '' || base.toLowerCase() === 'history') base = `Sheet${base ? ` ${base}` : ''}`.trim();
  base = Array.from(base)
    .slice(0, EXCEL_MAX_SHEET_NAME - suffix.length)
    .join('')
    .replace(/[\s']+$/, '');
  return base + suffix;
}

// ---------------------------------------------------------------------------------------------
// Package parts

/** Formula-syntax sheet reference: `'Sessions (2)'!$A$1:$L$5`. */
function absoluteRange(sheet: string, columnCount: number, rowCount: number): string {
  const [from, to] = filterRange(columnCount, rowCount).split(':') as [string, string];
  const abs = (ref: string): string => ref.replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
  return `'${sheet.replace(/'/g, "''")}'!${abs(from)}:${abs(to)}`;
}

export function workbookXml(sheets: readonly SheetEntry[], columnCount: number): string {
  const list = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  // Excel records each sheet's autofilter range as this hidden defined name as well.
  const names =
    columnCount > 0
      ? `<definedNames>${sheets
          .map(
            (s, i) =>
              `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(
                absoluteRange(s.name, columnCount, s.rowCount),
              )}</definedName>`,
          )
          .join('')}</definedNames>`
      : '';
  return (
    `${XML_DECL}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<bookViews><workbookView activeTab="0"/></bookViews><sheets>${list}</sheets>${names}</workbook>`
  );
}

export function workbookRelsXml(sheetCount: number): string {
  let rels = '';
  for (let i = 1; i <= sheetCount; i++) {
    rels += `<Relationship Id="rId${i}" Type="${NS_REL}/worksheet" Target="worksheets/sheet${i}.xml"/>`;
  }
  rels += `<Relationship Id="rId${sheetCount + 1}" Type="${NS_REL}/styles" Target="styles.xml"/>`;
  return `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">${rels}</Relationships>`;
}

export function contentTypesXml(sheetCount: number): string {
  const ct = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  let overrides =
    `<Override PartName="/xl/workbook.xml" ContentType="${ct}.sheet.main+xml"/>` +
    `<Override PartName="/xl/styles.xml" ContentType="${ct}.styles+xml"/>` +
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>';
  for (let i = 1; i <= sheetCount; i++) {
    overrides += `<Override PartName="/xl/worksheets/sheet${i}.xml" ContentType="${ct}.worksheet+xml"/>`;
  }
  return (
    `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    `<Default Extension="xml" ContentType="application/xml"/>${overrides}</Types>`
  );
}

export function rootRelsXml(): string {
  return (
    `${XML_DECL}<Relationships xmlns="${NS_PKG_REL}">` +
    `<Relationship Id="rId1" Type="${NS_REL}/officeDocument" Target="xl/workbook.xml"/>` +
    `<Relationship Id="rId2" Type="${NS_PKG_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
    '</Relationships>'
  );
}

export function corePropsXml(title: string, createdIso: string): string {
  const created = Number.isNaN(Date.parse(createdIso)) ? '' : new Date(createdIso).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
    ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title>` +
    (created ? `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` : '') +
    '</cp:coreProperties>'
  );
}

/** Cell formats: 0 default, 1 bold header, 2 date-time, 3 date (ISO order, locale-independent). */
export function stylesXml(): string {
  const font = (bold: boolean): string =>
    `<font>${bold ? '<b/>' : ''}<sz val="11"/><name val="Calibri"/><family val="2"/></font>`;
  const xf = (numFmtId: number, fontId: number, extra: string): string =>
    `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="0" borderId="0" xfId="0"${extra}/>`;
  return (
    `${XML_DECL}<styleSheet xmlns="${NS_MAIN}">` +
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>' +
    '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
    `<fonts count="2">${font(false)}${font(true)}</fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="4">${xf(0, 0, '')}${xf(0, 1, ' applyFont="1"')}` +
    `${xf(164, 0, ' applyNumberFormat="1"')}${xf(165, 0, ' applyNumberFormat="1"')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>'
  );
}
