import { describe, expect, it } from 'vitest';
import type { ColumnDef, ColumnType } from '../../../../../shared/domain/datasets.js';
import {
  alignFor,
  cellFormatter,
  columnBoxes,
  headerLines,
  pageCountFor,
  pageGeometry,
  readableDate,
  readableTimestamp,
  twoLineWidth,
  widestFixedValue,
} from '../../../../../shared/app/export/writers/pdfTable.js';

// The PDF table's layout rules as pure functions, with expected values worked out by hand from the
// documented constants (36 pt margins, 20 pt title line, 11 pt info lines, 8 pt gap, 20 pt header,
// 11 pt rows): what decides how many rows a page holds, how wide each column is and how a cell reads.

const column = (width: number, type: ColumnType = 'string', header = 'Header'): ColumnDef => ({
  name: header.toLowerCase(),
  header,
  type,
  width,
});

describe('pageGeometry', () => {
  it('places the table of an A4 portrait page below a title block of four info lines', () => {
    expect(pageGeometry({ width: 595.28, height: 841.89 }, true)).toEqual({
      pageWidth: 595.28,
      pageHeight: 841.89,
      usableWidth: 523.28,
      infoLines: 4,
      firstTableTop: 108, // 36 + 20 + 4 × 11 + 8
      tableTop: 36,
      rowsOnFirstPage: 61, // ⌊(841.89 − 36 − 108 − 20) / 11⌋
      rowsPerPage: 68, // ⌊(841.89 − 36 − 36 − 20) / 11⌋
    });
  });

  it('gives the first page one info line less, and one row more, when the row count is unknown', () => {
    expect(pageGeometry({ width: 595.28, height: 841.89 }, false)).toEqual({
      pageWidth: 595.28,
      pageHeight: 841.89,
      usableWidth: 523.28,
      infoLines: 3,
      firstTableTop: 97,
      tableTop: 36,
      rowsOnFirstPage: 62,
      rowsPerPage: 68,
    });
  });

  it('fits Letter landscape', () => {
    expect(pageGeometry({ width: 792, height: 612 }, true)).toMatchObject({
      usableWidth: 720,
      rowsOnFirstPage: 40,
      rowsPerPage: 47,
    });
  });

  it('accepts a page that holds exactly one row under the title block and rejects a smaller one', () => {
    // With a row count: 36 + 108 + 20 + 11 = 175 pt; without: 11 pt less.
    expect(pageGeometry({ width: 300, height: 175 }, true).rowsOnFirstPage).toBe(1);
    expect(() => pageGeometry({ width: 300, height: 174.9 }, true)).toThrow(
      'a PDF page of 300x174.9 pt is too small for the export table',
    );
    expect(pageGeometry({ width: 300, height: 164 }, false).rowsOnFirstPage).toBe(1);
    expect(() => pageGeometry({ width: 300, height: 163.9 }, false)).toThrow('too small');
  });

  it('accepts a page 100 pt wide between its margins and rejects a narrower one', () => {
    expect(pageGeometry({ width: 172, height: 600 }, true).usableWidth).toBe(100);
    expect(() => pageGeometry({ width: 171.9, height: 600 }, true)).toThrow(
      'a PDF page of 171.9x600 pt is too small for the export table',
    );
  });
});

describe('pageCountFor', () => {
  it('counts the first page and then full pages, exactly at each boundary', () => {
    const geometry = pageGeometry({ width: 841.89, height: 595.28 }, true); // 39 rows, then 45 a page
    expect([0, 39, 40, 84, 85, 129, 130].map((rows) => pageCountFor(geometry, rows))).toEqual([1, 1, 2, 2, 3, 3, 4]);
  });
});

describe('column alignment and fixed shapes', () => {
  it('right-aligns numbers only', () => {
    const types: ColumnType[] = ['string', 'integer', 'number', 'boolean', 'timestamp', 'date'];
    expect(types.map(alignFor)).toEqual(['left', 'right', 'right', 'left', 'left', 'left']);
  });

  it('knows the widest value of each fixed-shape type', () => {
    const types: ColumnType[] = ['timestamp', 'date', 'boolean', 'string', 'integer', 'number'];
    expect(types.map(widestFixedValue)).toEqual(['0000-00-00 00:00:00', '0000-00-00', 'yes', undefined, undefined, undefined]);
  });
});

describe('columnBoxes without data widths', () => {
  it('gives a column of width 0 the share of a column of width 1', () => {
    const boxes = columnBoxes([column(0), column(3)], 400, [0, 0]);
    expect(boxes).toEqual([
      { x: 36, width: 100, align: 'left' },
      { x: 136, width: 300, align: 'left' },
    ]);
  });

  it('treats a missing minimum as none', () => {
    expect(columnBoxes([column(1), column(1)], 200, [150]).map((b) => b.width)).toEqual([150, 50]);
  });

  it('pins a column that became too narrow only after another was pinned', () => {
    // Pass 1: 100 each, the first is short of 150. Pass 2: 250 / 3 ≈ 83.3, the third is short of 90.
    const boxes = columnBoxes([column(1), column(1), column(1, 'integer'), column(1)], 400, [150, 0, 90, 0]);
    expect(boxes).toEqual([
      { x: 36, width: 150, align: 'left' },
      { x: 186, width: 80, align: 'left' },
      { x: 266, width: 90, align: 'right' },
      { x: 356, width: 80, align: 'left' },
    ]);
  });

  it('leaves a column at exactly its minimum unpinned', () => {
    expect(columnBoxes([column(1), column(1)], 200, [100, 0]).map((b) => b.width)).toEqual([100, 100]);
  });
});

describe('columnBoxes sized from the data', () => {
  it('gives each column what its widest value needs and shares the rest by ColumnDef.width', () => {
    // Needs 30 and 50 (of 200): the 120 left goes 1 : 3.
    const boxes = columnBoxes([column(10), column(30)], 200, [20, 20], [30, 50]);
    expect(boxes).toEqual([
      { x: 36, width: 60, align: 'left' },
      { x: 96, width: 140, align: 'left' },
    ]);
  });

  it('never gives a column less than its minimum, nor less than its need for want of a data width', () => {
    expect(columnBoxes([column(10), column(30)], 200, [40, 20], [30, 50]).map((b) => b.width)).toEqual([67.5, 132.5]);
    expect(columnBoxes([column(10), column(30)], 200, [40, 20], [30]).map((b) => b.width)).toEqual([75, 125]);
  });

  it('water-fills when the needs do not fit: a modest column gets all it needs, the long ones split the rest', () => {
    // Minimums 150 of 300; extra needs 10, 150, 350 for the 150 left: 10, then 70 and 70.
    const boxes = columnBoxes([column(1), column(1), column(1)], 300, [50, 50, 50], [60, 200, 400]);
    expect(boxes).toEqual([
      { x: 36, width: 60, align: 'left' },
      { x: 96, width: 120, align: 'left' },
      { x: 216, width: 120, align: 'left' },
    ]);
  });

  it('water-fills in rounds until the remaining columns all need more than an equal share', () => {
    // 100 for needs 10, 20, 100, 100: level 25 satisfies the first two, then 70 / 2 = 35 each.
    const widths = columnBoxes([column(9), column(1), column(1), column(5)], 100, [0, 0, 0, 0], [10, 20, 100, 100]);
    expect(widths.map((b) => b.width)).toEqual([10, 20, 35, 35]);
    // Listed in another order, the same needs get the same widths.
    const shuffled = columnBoxes([column(1), column(1), column(1), column(1)], 100, [0, 0, 0, 0], [100, 20, 100, 10]);
    expect(shuffled.map((b) => b.width)).toEqual([35, 20, 35, 10]);
  });

  it('scales the minimums down together when even they do not fit', () => {
    expect(columnBoxes([column(1), column(1)], 100, [150, 50], [400, 400]).map((b) => b.width)).toEqual([75, 25]);
  });
});

describe('cellFormatter', () => {
  it('shows timestamps readably, booleans as yes/no and everything else as written', () => {
    const timestamp = cellFormatter('timestamp');
    expect(timestamp('2026-01-31T23:59:59.000Z')).toBe('2026-01-31 23:59:59');
    expect(timestamp(17)).toBe('17');
    expect(timestamp(true)).toBe('yes');
    const number = cellFormatter('number');
    expect([number(0.1234), number(1234.5), number(false)]).toEqual(['0.1234', '1234.5', 'no']);
    expect(cellFormatter('string')('2026-01-31T23:59:59.000Z')).toBe('2026-01-31T23:59:59.000Z');
    expect(cellFormatter('date')('2026-03-01')).toBe('2026-03-01');
    expect([cellFormatter('boolean')(true), cellFormatter('boolean')(false)]).toEqual(['yes', 'no']);
    expect(cellFormatter('integer')(42)).toBe('42');
  });
});

describe('readableTimestamp and readableDate', () => {
  it('drops fractions and a zero offset, and converts other offsets to UTC', () => {
    expect(readableTimestamp('2026-01-31T23:59:59.123456Z')).toBe('2026-01-31 23:59:59');
    expect(readableTimestamp('2026-01-31T23:59:59+00:00')).toBe('2026-01-31 23:59:59');
    expect(readableTimestamp('2026-01-31T23:59:59-0000')).toBe('2026-01-31 23:59:59');
    expect(readableTimestamp('2026-01-31T22:30:00.5-01:30')).toBe('2026-02-01 00:00:00');
    expect(readableTimestamp('2026-01-31T10:00+01:00')).toBe('2026-01-31 09:00:00');
  });

  it('leaves a value that is not an ISO timestamp as it is', () => {
    // (A year beyond 9999 is written with a sign and six digits; it is left as it is, too.)
    for (const value of [
      '+012026-01-31T10:00:00+01:00',
      '2026-01-31 10:00:00+01:00',
      'Jan 31 2026 10:00:00 GMT+0100',
      '2026-01-31T25:00:00+01:00',
      '',
      'T',
    ]) {
      expect(readableTimestamp(value)).toBe(value);
    }
  });

  it('shows a date-range bound at midnight as its date', () => {
    expect(readableDate('2026-01-01')).toBe('2026-01-01');
    expect(readableDate('2026-01-01T00:00:00.000Z')).toBe('2026-01-01');
    expect(readableDate('2026-01-01T01:00:00+01:00')).toBe('2026-01-01');
    expect(readableDate('2026-01-31T23:59:59Z')).toBe('2026-01-31 23:59:59');
    expect(readableDate('2026-01-31T00:00:01Z')).toBe('2026-01-31 00:00:01');
  });
});

describe('headers on two lines', () => {
  const length = (line: string) => line.length;

  it('finds the narrowest width for two lines, ignoring runs of spaces', () => {
    expect(twoLineWidth('Device', length)).toBe(6);
    expect(twoLineWidth('Total duration (s)', length)).toBe(12); // "Total" / "duration (s)"
    expect(twoLineWidth('Avg session duration (s)', length)).toBe(12); // "Avg session" / "duration (s)"
    expect(twoLineWidth('  Spaced   words  ', length)).toBe(6);
  });

  it('keeps a header that fits, or that is one word, on one line', () => {
    expect(headerLines('Started at', () => true)).toEqual(['Started at']);
    expect(headerLines('Organization', () => false)).toEqual(['Organization']);
  });

  it('fills the first line greedily and puts the rest on the second', () => {
    const fits = (line: string) => line.length <= 11;
    expect(headerLines('Avg session duration (s)', fits)).toEqual(['Avg session', 'duration (s)']);
    expect(headerLines('Sessions with errors', fits)).toEqual(['Sessions', 'with errors']);
    // A run of spaces is one space between the words of a line.
    expect(headerLines(`Duration${' '.repeat(15)}(s)`, (line) => line.length <= 25)).toEqual(['Duration (s)', '']);
    // Even when no second word fits, the first word stays alone on the first line.
    expect(headerLines('Extraordinarily long header', fits)).toEqual(['Extraordinarily', 'long header']);
  });
});
