import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { openFont, type GlyphRun, type PdfFont } from '../../../../../shared/app/export/writers/pdfGlyphs.js';
import { collect, readPdf } from './pdfReading.js';

// The glyph encoder of the PDF writer, on a real pdfkit document. Widths are checked against the
// advances of the bundled fonts, written out here (1/1000 em; DejaVu Sans Condensed has 2048 units
// per em, so 1172 units = 572.265625): every sum below is exact in binary floating point. Text is
// read back from the glyph ids through the fonts' ToUnicode tables (what a PDF reader uses to
// extract text) and, for the escaping of the codes and the fonts listed on each page, by pdf.js.

/** DejaVu Sans Condensed advances (font units / 2.048). Digits are all equally wide. */
const DIGIT = 572.265625; // 1172
const SPACE = 285.64453125; // 585
const HYPHEN = 324.70703125; // 665
const ELLIPSIS = 899.90234375; // 1843
const WIDE_W = 889.6484375; // "W", 1822
const NARROW_I = 250; // "i", 512
const REPLACEMENT = 922.8515625; // U+FFFD, 1890
const GRINNING_FACE = 937.98828125; // U+1F600, which DejaVu has, 1921
/** Noto Sans SC: a CJK ideograph is 1 em. */
const IDEOGRAPH = 1000;

/** What pdfkit keeps per embedded font to write its ToUnicode map: the code points of each glyph id. */
interface EmbeddedTables {
  readonly name: string;
  readonly unicode: readonly (readonly number[] | undefined)[];
}

function fixture(options: { autoFirstPage?: boolean } = {}) {
  const doc = new PDFDocument({ size: 'A4', margin: 0, autoFirstPage: options.autoFirstPage ?? true });
  const font = openFont(doc, 'regular');
  const embedded = () => Object.values((doc as unknown as { _fontFamilies: Record<string, EmbeddedTables> })._fontFamilies);
  const tablesOf = (fallback: boolean): EmbeddedTables => {
    const found = embedded().find((f) => f.name.startsWith(fallback ? 'NotoSansSC' : 'DejaVuSansCondensed'));
    if (!found) throw new Error(`no ${fallback ? 'fallback' : 'main'} font embedded`);
    return found;
  };
  /** The text a reader extracts from a run (its parts, each through its own font's map). */
  const text = (run: GlyphRun): string =>
    (run.parts ?? [{ fallback: false, codes: run.codes }])
      .map((part) =>
        glyphIds(part.codes)
          .map((gid) => String.fromCodePoint(...(tablesOf(part.fallback).unicode[gid] ?? [])))
          .join(''),
      )
      .join('');
  const fallbackEmbedded = () => embedded().some((f) => f.name.startsWith('NotoSansSC'));
  return { doc, font, text, fallbackEmbedded };
}

/**
 * Glyph ids of the body of a PDF literal string, two bytes each, read as a reader must (ISO 32000-1
 * §7.3.4.2): after the backslash escapes, and with an unescaped end of line (CR, LF or CR LF) as LF.
 */
function glyphIds(codes: string): number[] {
  const bytes: number[] = [];
  for (let i = 0; i < codes.length; i++) {
    if (codes[i] === '\\') {
      i++;
      const escaped = codes[i];
      bytes.push(escaped === 'n' ? 0x0a : escaped === 'r' ? 0x0d : (escaped ?? '').charCodeAt(0));
    } else if (codes[i] === '\r') {
      if (codes[i + 1] === '\n') i++;
      bytes.push(0x0a);
    } else {
      bytes.push(codes.charCodeAt(i));
    }
  }
  const ids: number[] = [];
  for (let i = 0; i < bytes.length; i += 2) ids.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  return ids;
}

/**
 * One document for the measuring tests: opening the fonts (the 10 MB fallback above all) is what
 * costs time. Glyph ids depend on the order characters are met, so no test below relies on them.
 */
let sharedFixture: ReturnType<typeof fixture> | undefined;
const shared = () => (sharedFixture ??= fixture());

const lines = (font: PdfFont, text: (run: GlyphRun) => string, value: string, maxWidth: number) =>
  font.wrap(value, maxWidth).map((line) => ({ text: text(line), width: line.width }));

describe('openFont: runs', () => {
  it('measures a run as the sum of its characters’ advances', () => {
    const { font, text } = shared();
    const run = font.run('0 9-W');
    expect(text(run)).toBe('0 9-W');
    expect(run.width).toBe(DIGIT + SPACE + DIGIT + HYPHEN + WIDE_W);
    expect(run.parts).toBeUndefined();
    // Once known, a character measures the same.
    expect(font.run('90').width).toBe(2 * DIGIT);
    expect(font.run('')).toEqual({ codes: '', width: 0 });
  });

  it('draws Latin, Greek and Cyrillic with the main font alone, never opening the fallback', () => {
    const { font, text, fallbackEmbedded } = fixture();
    for (const value of ['åüßñç ÅÜ', 'Привет', 'Καλημέρα', 'ɏɐ']) {
      const run = font.run(value);
      expect(text(run)).toBe(value);
      expect(run.parts).toBeUndefined();
    }
    expect(fallbackEmbedded()).toBe(false);
  });

  it('shows control characters and line separators as spaces, and their neighbours as themselves', () => {
    const { font, text } = shared();
    const controls = '\t\n\r\u0000\u001f\u007f\u0080\u009f\u2028\u2029';
    const run = font.run(controls);
    expect(text(run)).toBe(' '.repeat(10));
    expect(run.width).toBe(10 * SPACE);
    expect(text(font.run('a ~\u00a0\u2027'))).toBe('a ~\u00a0\u2027');
  });

  it('draws a replacement character for what neither font has, astral or not', () => {
    const { font, text } = shared();
    for (const value of ['\u0378', '\u{1D400}', '\uD800']) {
      const run = font.run(value);
      expect(text(run)).toBe('\uFFFD');
      expect(run.width).toBe(REPLACEMENT);
    }
    expect(font.run('\u{1D400}x\u{1D400}').width).toBe(2 * REPLACEMENT + 532.2265625);
  });

  it('draws nothing for a variation selector, which only picks the form of the character before it', () => {
    const { font, text } = shared();
    const run = font.run('❤\uFE0F!');
    expect(text(run)).toBe('❤!');
    expect(run.width).toBe(font.run('❤!').width);
    expect(text(font.run('李\uFE0F'))).toBe('李');
  });

  it('opens the bold weight as a font of its own', () => {
    const doc = new PDFDocument({ size: 'A4', autoFirstPage: false });
    const regular = openFont(doc, 'regular');
    const bold = openFont(doc, 'bold');
    expect(bold.id).not.toBe(regular.id);
    expect([regular.run('x').width, bold.run('x').width]).toEqual([532.2265625, 580.078125]); // 1090 and 1188 units
  });

  it('draws an astral character the main font has with it', () => {
    const { font, text } = shared();
    const run = font.run('😀0😀');
    expect(text(run)).toBe('😀0😀');
    expect(run.width).toBe(2 * GRINNING_FACE + DIGIT);
    expect(run.parts).toBeUndefined();
  });

  it('takes what the main font lacks from the fallback font, in parts of one font each', () => {
    const { font, text, fallbackEmbedded } = shared();
    const run = font.run('01李李9');
    expect(fallbackEmbedded()).toBe(true);
    expect(run.width).toBe(3 * DIGIT + 2 * IDEOGRAPH);
    expect(run.parts?.map((p) => ({ fallback: p.fallback, text: text({ codes: p.codes, width: 0, parts: [p] }) }))).toEqual([
      { fallback: false, text: '01' },
      { fallback: true, text: '李李' },
      { fallback: false, text: '9' },
    ]);
    expect(text(run)).toBe('01李李9');
    expect(text(font.run('李'))).toBe('李');
  });
});

describe('openFont: fit', () => {
  it('keeps a text that fits, to the exact width', () => {
    const { font, text } = shared();
    const whole = font.fit('0000', 4 * DIGIT);
    expect([text(whole), whole.width]).toEqual(['0000', 4 * DIGIT]);
    const mixed = font.fit('0李', DIGIT + IDEOGRAPH);
    expect([text(mixed), mixed.width]).toEqual(['0李', DIGIT + IDEOGRAPH]);
  });

  it('cuts a text that does not fit where it and "…" fit', () => {
    const { font, text } = shared();
    const exact = font.fit('00000', 3 * DIGIT + ELLIPSIS);
    expect([text(exact), exact.width]).toEqual(['000…', 3 * DIGIT + ELLIPSIS]);
    const less = font.fit('00000', 3 * DIGIT + ELLIPSIS - 0.5);
    expect([text(less), less.width]).toEqual(['00…', 2 * DIGIT + ELLIPSIS]);
    const cjk = font.fit('李李李', IDEOGRAPH + ELLIPSIS);
    expect([text(cjk), cjk.width]).toEqual(['李…', IDEOGRAPH + ELLIPSIS]);
  });

  it('does not leave a space before the "…", but keeps the spaces inside', () => {
    const { font, text } = shared();
    expect(text(font.fit('00 000', 2 * DIGIT + SPACE + ELLIPSIS))).toBe('00…');
    expect(text(font.fit('00 000', 3 * DIGIT + SPACE + ELLIPSIS))).toBe('00 0…');
  });

  it('gives "…" alone when only it fits, and nothing when not even it does', () => {
    const { font, text } = shared();
    const alone = font.fit('00000', ELLIPSIS);
    expect([text(alone), alone.width]).toEqual(['…', ELLIPSIS]);
    expect(font.fit('00000', ELLIPSIS - 0.5)).toEqual({ codes: '', width: 0 });
    expect(font.fit('李李', ELLIPSIS - 0.5)).toEqual({ codes: '', width: 0 });
  });
});

describe('openFont: wrap', () => {
  it('keeps a text that fits on one line, and an empty text as one empty line', () => {
    const { font, text } = shared();
    expect(lines(font, text, '0000', 4 * DIGIT)).toEqual([{ text: '0000', width: 4 * DIGIT }]);
    expect(font.wrap('', 100)).toEqual([{ codes: '', width: 0 }]);
  });

  it('breaks after the last space or separator on the line; spaces hang past the edge', () => {
    const { font, text } = shared();
    expect(lines(font, text, '000   000', 3 * DIGIT)).toEqual([
      { text: '000   ', width: 3 * DIGIT + 3 * SPACE },
      { text: '000', width: 3 * DIGIT },
    ]);
    expect(lines(font, text, '00-00-000', 6 * DIGIT)).toEqual([
      { text: '00-00-', width: 4 * DIGIT + 2 * HYPHEN },
      { text: '000', width: 3 * DIGIT },
    ]);
    // Every separator is narrower than 900 and wider than the 10.4 left beside a "W".
    for (const separator of ['/', '@', '.', '_', ',', ';', ':', '?', '&', '=', '\\']) {
      expect(lines(font, text, `000${separator}WW`, 3 * DIGIT + 900).map((l) => l.text)).toEqual([`000${separator}`, 'WW']);
    }
  });

  it('breaks between two characters where the line has no space or separator', () => {
    const { font, text } = shared();
    // The third digit fits exactly; what follows the break starts the count again.
    expect(lines(font, text, '0-0000000', 3 * DIGIT)).toEqual([
      { text: '0-', width: DIGIT + HYPHEN },
      { text: '000', width: 3 * DIGIT },
      { text: '000', width: 3 * DIGIT },
      { text: '0', width: DIGIT },
    ]);
  });

  it('breaks again when what follows the separator still does not fit with the next character', () => {
    const { font, text } = shared();
    expect(lines(font, text, 'i-00W', NARROW_I + HYPHEN + 2 * DIGIT + 100)).toEqual([
      { text: 'i-', width: NARROW_I + HYPHEN },
      { text: '00', width: 2 * DIGIT },
      { text: 'W', width: WIDE_W },
    ]);
  });

  it('puts a character wider than the line on a line of its own', () => {
    const { font, text } = shared();
    expect(lines(font, text, 'W0', 100)).toEqual([
      { text: 'W', width: WIDE_W },
      { text: '0', width: DIGIT },
    ]);
    expect(lines(font, text, '李李', 500)).toEqual([
      { text: '李', width: IDEOGRAPH },
      { text: '李', width: IDEOGRAPH },
    ]);
  });

  it('wraps text with fallback glyphs by the same rules', () => {
    const { font, text } = shared();
    expect(lines(font, text, '李李李李李', 2 * IDEOGRAPH)).toEqual([
      { text: '李李', width: 2 * IDEOGRAPH },
      { text: '李李', width: 2 * IDEOGRAPH },
      { text: '李', width: IDEOGRAPH },
    ]);
    expect(lines(font, text, '李-李李李', 2500)).toEqual([
      { text: '李-', width: IDEOGRAPH + HYPHEN },
      { text: '李李', width: 2 * IDEOGRAPH },
      { text: '李', width: IDEOGRAPH },
    ]);
    expect(lines(font, text, '李李  李', 2 * IDEOGRAPH)).toEqual([
      { text: '李李  ', width: 2 * IDEOGRAPH + 2 * SPACE },
      { text: '李', width: IDEOGRAPH },
    ]);
    // A separator is a break on the last line too, but the last line is not broken.
    expect(lines(font, text, '李-李', 5000)).toEqual([{ text: '李-李', width: 2 * IDEOGRAPH + HYPHEN }]);
  });

  it('breaks after a separator that starts a line, in both paths alike', () => {
    const { font, text } = shared();
    expect(lines(font, text, '李李-李李', 2 * IDEOGRAPH).map((l) => l.text)).toEqual(['李李', '-', '李李']);
    expect(lines(font, text, '00-00', 2 * DIGIT).map((l) => l.text)).toEqual(['00', '-', '00']);
  });

  it('wraps astral characters of the main font', () => {
    const { font, text } = shared();
    const wrapped = font.wrap('😀😀😀', 2 * GRINNING_FACE);
    expect(wrapped.map((l) => [text(l), l.width, l.parts])).toEqual([
      ['😀😀', 2 * GRINNING_FACE, undefined],
      ['😀', GRINNING_FACE, undefined],
    ]);
  });
});

describe('openFont: drawing', () => {
  it('shows a run of the main font as one string, and a mixed run font by font', () => {
    const { font } = shared();
    const latin = font.run('00');
    expect(font.showText(latin, 7)).toBe(`(${latin.codes}) Tj`);
    const mixed = font.run('0李0');
    const [first, cjk, last] = mixed.parts ?? [];
    expect(font.id).toBe('F2'); // F1 is pdfkit's default Helvetica; the fallback comes next
    expect(font.showText(mixed, 9)).toBe(
      `/F2 9 Tf (${first?.codes}) Tj /F3 9 Tf (${cjk?.codes}) Tj /F2 9 Tf (${last?.codes}) Tj /F2 9 Tf`,
    );
  });

  it('writes codes and page fonts that a PDF reader turns back into the text', async () => {
    // 94 characters get glyph ids 2 … 95 (1 is "…"): among them 0x0a, 0x0d, 0x28, 0x29 and 0x5c,
    // which a PDF string must escape. Each is drawn in its own string, so none is balanced by another.
    const { doc, font, text } = fixture({ autoFirstPage: false });
    const ascii = Array.from({ length: 94 }, (_, i) => String.fromCharCode(0x21 + i));
    expect(font.run('李').width).toBe(IDEOGRAPH); // measured before there is a page
    doc.addPage();
    font.useOnPage(doc);
    ascii.forEach((ch, i) => {
      doc.addContent(
        `BT /${font.id} 6 Tf ${20 + (i % 10) * 50} ${800 - Math.floor(i / 10) * 10} Td ${font.showText(font.run(ch), 6)} ET`,
      );
    });
    doc.addPage();
    font.useOnPage(doc);
    doc.addContent(`BT /${font.id} 12 Tf 20 700 Td ${font.showText(font.run('报告 2026 ☎\uFE0F'), 12)} ET`);
    doc.end();
    const pages = await readPdf(await collect(doc));
    expect(ascii.map((ch) => text(font.run(ch)))).toEqual(ascii);
    expect(pages[0]?.runs.map((r) => r.str).join('')).toBe(ascii.join(''));
    expect(pages[1]?.lines.map((l) => l.text)).toEqual(['报告 2026 ☎']);
  });

  it('lists the fallback font on the page being drawn when it is first needed', async () => {
    const { doc, font } = fixture();
    font.useOnPage(doc);
    doc.addContent(`BT /${font.id} 12 Tf 20 700 Td ${font.showText(font.run('季度 Q1'), 12)} ET`);
    doc.end();
    const pages = await readPdf(await collect(doc));
    expect(pages.map((p) => p.lines.map((l) => l.text))).toEqual([['季度 Q1']]);
  });
});
