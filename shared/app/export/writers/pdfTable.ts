import type { CellValue, ColumnDef, ColumnType } from '../../../domain/datasets.js';

/**
 * How the PDF export's table looks: page geometry, column widths and the text of each cell.
 *
 * One table, the header row repeated at the top of every page, a title block above it on the first
 * page, a footer with the page number in the bottom margin. A value that does not fit its column
 * wraps onto more lines of its cell (never cut: ids and e-mails read whole), and the row grows to
 * its tallest cell; a row that would cross the bottom margin starts the next page. Columns of a
 * fixed shape (ids, timestamps) are sized to show a value whole on one line. Lengths are PDF
 * points (1/72 in) measured down from the page's top edge unless a name says otherwise.
 */

export const MARGIN = 36;
export const BODY_FONT_SIZE = 7;
export const ROW_HEIGHT = 11;
/** Each further line of a cell that wraps adds this much to its row. */
export const BODY_LINE_HEIGHT = 8.5;
export const HEADER_FONT_SIZE = 7;
/** Room for a header of two lines ("Duration" / "(s)") so narrow columns keep readable headers. */
export const HEADER_HEIGHT = 20;
export const HEADER_LINE_HEIGHT = 8;
export const CELL_PADDING = 2.5;
export const TITLE_FONT_SIZE = 14;
export const TITLE_LINE_HEIGHT = 20;
export const INFO_FONT_SIZE = 8;
export const INFO_LINE_HEIGHT = 11;
/** Space between the title block and the table. */
export const TITLE_GAP = 8;
export const FOOTER_FONT_SIZE = 7;
/** Footer baseline, up from the page's bottom edge (inside the bottom margin). */
export const FOOTER_BASELINE = 18;

export interface PageGeometry {
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** Width between the left and right margins. */
  readonly usableWidth: number;
  /** Lines under the title: organization, date range, generated at, and rows when known. */
  readonly infoLines: number;
  /** Top of the table's header row on the first page (below the title block) and on the others. */
  readonly firstTableTop: number;
  readonly tableTop: number;
  readonly rowsOnFirstPage: number;
  readonly rowsPerPage: number;
}

/** Where the title block and the table go on a page of the given size, and how many rows fit. */
export function pageGeometry(page: { readonly width: number; readonly height: number }, hasRowCount: boolean): PageGeometry {
  const infoLines = hasRowCount ? 4 : 3;
  const firstTableTop = MARGIN + TITLE_LINE_HEIGHT + infoLines * INFO_LINE_HEIGHT + TITLE_GAP;
  const tableTop = MARGIN;
  const bottom = page.height - MARGIN;
  const rowsBelow = (top: number): number => Math.floor((bottom - top - HEADER_HEIGHT) / ROW_HEIGHT);
  const geometry = {
    pageWidth: page.width,
    pageHeight: page.height,
    usableWidth: page.width - 2 * MARGIN,
    infoLines,
    firstTableTop,
    tableTop,
    rowsOnFirstPage: rowsBelow(firstTableTop),
    rowsPerPage: rowsBelow(tableTop),
  };
  if (geometry.rowsOnFirstPage < 1 || geometry.usableWidth < 100) {
    throw new Error(`a PDF page of ${page.width}x${page.height} pt is too small for the export table`);
  }
  return geometry;
}

/** Pages an export of `rows` one-line rows takes (an empty export still has its title page). */
export function pageCountFor(geometry: PageGeometry, rows: number): number {
  if (rows <= geometry.rowsOnFirstPage) return 1;
  return 1 + Math.ceil((rows - geometry.rowsOnFirstPage) / geometry.rowsPerPage);
}

export type CellAlign = 'left' | 'right';

export interface ColumnBox {
  /** Left edge of the column, from the page's left edge. */
  readonly x: number;
  readonly width: number;
  readonly align: CellAlign;
}

/** Numbers read best right-aligned, so digits of the same magnitude line up. */
export function alignFor(type: ColumnType): CellAlign {
  return type === 'integer' || type === 'number' ? 'right' : 'left';
}

/** A value of fixed shape that a column of this type must show whole (digits are equally wide). */
export function widestFixedValue(type: ColumnType): string | undefined {
  switch (type) {
    case 'timestamp':
      return '0000-00-00 00:00:00';
    case 'date':
      return '0000-00-00';
    case 'boolean':
      return 'yes';
    default:
      return undefined;
  }
}

/**
 * Column widths. Without `naturalWidths`: in proportion to `ColumnDef.width`, scaled to
 * `usableWidth`, except that no column gets less than its `minWidths` entry (a whole timestamp,
 * its header on two lines): such a column gets its minimum and the others share what is left, in
 * proportion again.
 *
 * With `naturalWidths` (what the widest value of a sample of the data needs), sized from the data:
 * when every column's need fits, each gets it and the room left is shared in proportion to
 * `ColumnDef.width`; when not, each gets its minimum and the rest is shared by water-filling — a
 * column that needs little gets all of it, the long-text columns split what remains equally and
 * wrap. When even the minimums do not fit, they are scaled down together (and cells wrap).
 */
export function columnBoxes(
  columns: readonly ColumnDef[],
  usableWidth: number,
  minWidths: readonly number[],
  naturalWidths?: readonly number[],
): ColumnBox[] {
  const share = columns.map((c) => Math.max(c.width, 1));
  const min = columns.map((_, i) => minWidths[i] ?? 0);
  const minTotal = min.reduce((a, b) => a + b, 0);
  let widths: number[];
  // Stryker disable next-line EqualityOperator: at minTotal = usableWidth the other branches also give every column its minimum
  if (minTotal >= usableWidth) {
    widths = min.map((m) => (m * usableWidth) / minTotal);
  } else if (naturalWidths) {
    const need = min.map((m, i) => Math.max(m, naturalWidths[i] ?? 0));
    const needTotal = need.reduce((a, b) => a + b, 0);
    // Stryker disable next-line EqualityOperator: at needTotal = usableWidth water-filling also gives every column its need
    if (needTotal <= usableWidth) {
      const shareTotal = share.reduce((a, b) => a + b, 0);
      widths = need.map((w, i) => w + ((usableWidth - needTotal) * (share[i] ?? 1)) / shareTotal);
    } else {
      // The level L at which Σ min(need − min, L) uses up the room left after the minimums.
      const extra = need.map((w, i) => w - (min[i] ?? 0));
      let room = usableWidth - minTotal;
      // Stryker disable next-line MethodExpression,ArrowFunction,ArithmeticOperator,LogicalOperator: the order of `open` does not matter, each round filters all of it
      let open = extra.map((_, i) => i).sort((a, b) => (extra[a] ?? 0) - (extra[b] ?? 0));
      const given = extra.map(() => 0);
      // Stryker disable next-line ConditionalExpression,EqualityOperator: the needs do not all fit, so a column always stays open and the loop ends at its break
      while (open.length > 0) {
        const level = room / open.length;
        // Stryker disable next-line EqualityOperator: a column needing exactly the level gets the level either way
        const small = open.filter((i) => (extra[i] ?? 0) <= level);
        if (small.length === 0) {
          for (const i of open) given[i] = level;
          break;
        }
        for (const i of small) {
          given[i] = extra[i] ?? 0;
          room -= extra[i] ?? 0;
        }
        open = open.filter((i) => !small.includes(i));
      }
      widths = min.map((m, i) => m + (given[i] ?? 0));
    }
  } else {
    const pinned = new Set<number>();
    for (;;) {
      const pinnedWidth = [...pinned].reduce((sum, i) => sum + (min[i] ?? 0), 0);
      const freeShare = share.reduce((sum, s, i) => (pinned.has(i) ? sum : sum + s), 0);
      widths = share.map((s, i) => (pinned.has(i) ? (min[i] ?? 0) : ((usableWidth - pinnedWidth) * s) / freeShare));
      // Stryker disable next-line EqualityOperator: pinning a column at exactly its minimum leaves every width as it was
      const short = widths.findIndex((w, i) => !pinned.has(i) && w < (min[i] ?? 0));
      if (short < 0) break;
      pinned.add(short); // at most one pass per column
    }
  }
  let x = MARGIN;
  return columns.map((c, i) => {
    const width = widths[i] ?? 0;
    const box = { x, width, align: alignFor(c.type) };
    x += width;
    return box;
  });
}

export type CellFormatter = (value: Exclude<CellValue, null>) => string;

/** How a column's values read in the PDF; null and empty cells are left blank by the caller. */
export function cellFormatter(type: ColumnType): CellFormatter {
  switch (type) {
    case 'timestamp':
      return (v) => (typeof v === 'string' ? readableTimestamp(v) : plain(v));
    // Stryker disable next-line ConditionalExpression,StringLiteral: the same formatter as the default; the case is there for its comment
    case 'number':
      // As the other formats show it: the dataset rounds (averages to 2 decimals, rates to 4).
      return plain;
    default:
      return plain;
  }
}

function plain(value: Exclude<CellValue, null>): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  return String(value);
}

const ISO_UTC = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(?:\.\d+)?(?:Z|[+-]00:?00)$/;

/** `2026-01-31T23:59:59.000Z` → `2026-01-31 23:59:59` (UTC); other offsets are converted to UTC. */
export function readableTimestamp(value: string): string {
  const m = ISO_UTC.exec(value);
  if (m) return `${m[1]} ${m[2]}`;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return value;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return value;
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
}

/** A date-range bound may be a date or a timestamp; a midnight timestamp reads best as its date. */
export function readableDate(value: string): string {
  const s = readableTimestamp(value);
  return s.endsWith(' 00:00:00') ? s.slice(0, 10) : s;
}

/**
 * The narrowest width at which `header` fits on two lines (`measure` gives a line's width): the
 * best split point between words. Used as the header's share of a column's minimum width.
 */
export function twoLineWidth(header: string, measure: (line: string) => number): number {
  // Stryker disable next-line Regex: empty words are filtered out, so splitting at each single space gives the same words
  const words = header.split(/\s+/).filter((w) => w !== '');
  // Stryker disable next-line StringLiteral: one word joins the same either way; for more, a split is narrower than any one line (widths add up)
  let best = measure(words.join(' '));
  // Stryker disable next-line EqualityOperator: at k = words.length the candidate is the whole header on one line, no narrower than the first
  for (let k = 1; k < words.length; k++) {
    best = Math.min(best, Math.max(measure(words.slice(0, k).join(' ')), measure(words.slice(k).join(' '))));
  }
  return best;
}

/**
 * A header on at most two lines: as many words as fit on the first, the rest on the second
 * (`fits` measures a candidate line). Filling the first line greedily leaves the shortest possible
 * second line, so at `twoLineWidth` or wider both lines fit; the caller cuts one that does not.
 */
export function headerLines(header: string, fits: (line: string) => boolean): string[] {
  // Stryker disable next-line Regex: empty words are filtered out, so splitting at each single space gives the same words
  const words = header.split(/\s+/).filter((w) => w !== '');
  if (words.length <= 1 || fits(header)) return [header];
  // Stryker disable next-line StringLiteral: words has at least two entries here
  let first = words[0] ?? '';
  let used = 1;
  while (used < words.length && fits(`${first} ${words[used]}`)) {
    first = `${first} ${words[used]}`;
    used++;
  }
  return [first, words.slice(used).join(' ')];
}
