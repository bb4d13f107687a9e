// @ts-nocheck
import { readFileSync } from 'node:fs';
import type {} from 'pdfkit'; // brings in the PDFKit namespace of @types/pdfkit

/**
 * Fast text for the PDF writer: strings become glyph-id strings for an embedded TrueType font
 * (two bytes a glyph, drawn with `Tj`), measured and cut to a width in one pass.
 *
 * Why not `doc.text()`: pdfkit lays every call out with fontkit (shaping, line breaking) and caches
 * each distinct word's layout for the life of the document. With a unique id and email on every
 * row, that is what made a 100k-row table slow and its memory grow. Here each distinct character
 * is laid out once, through pdfkit's own `encode` (which also adds the glyph to the font subset,
 * its width to the `W` array and its code point to the ToUnicode map, so text stays searchable and
 * copyable), and cells are assembled from those per-character results.
 *
 * The trade-off: no kerning, ligatures or complex-script shaping (Arabic joining, Indic reordering)
 * and no bidi reordering. For tabular data in Latin, Greek and Cyrillic scripts that is invisible;
 * the widths used to measure are exactly the advances the viewer draws with.
 */

type PDFDocument = PDFKit.PDFDocument;

/** DejaVu Sans Condensed from the `dejavu-fonts-ttf` package (Latin, Greek, Cyrillic, …; no CJK). */
const FONT_FILES = {
  regular: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed.ttf',
  bold: 'dejavu-fonts-ttf/ttf/DejaVuSansCondensed-Bold.ttf',
} as const;
export type FontWeight = keyof typeof FONT_FILES;

const fontBytes = new Map<FontWeight, Buffer>();

/** Reads a font file once per process; pdfkit parses and subsets it per document. */
function loadFontFile(weight: FontWeight): Buffer {
  let bytes = fontBytes.get(weight);
  if (!bytes) {
    bytes = readFileSync(require.resolve(FONT_FILES[weight]));
    fontBytes.set(weight, bytes);
  }
  return bytes;
}

/**
 * The part of pdfkit's EmbeddedFont (pdfkit 0.20, not in @types/pdfkit) this module relies on;
 * `openFont` checks it at run time so a pdfkit upgrade that changes it fails loudly.
 */
interface PdfkitEmbeddedFont {
  /** Resource name on the page, e.g. "F1". */
  readonly id: string;
  /** Ascender and descender in thousandths of the font size. */
  readonly ascender: number;
  readonly descender: number;
  /** Glyph ids (4 hex digits each, subset numbering) and their advances in 1/1000 em. */
  encode(text: string): [readonly string[], readonly { readonly xAdvance: number }[]];
  /** The font's dictionary reference, for a page's /Font resources. */
  ref(): unknown;
}

function isEmbeddedFont(value: unknown): value is PdfkitEmbeddedFont {
  const f = value as Partial<PdfkitEmbeddedFont> | null;
  return (
    typeof f?.id === 'string' &&
    typeof f.encode === 'function' &&
    typeof f.ref === 'function' &&
    typeof f.ascender === 'number' &&
    typeof f.descender === 'number'
  );
}

/**
 * Glyphs ready for a content stream: `codes` is the body of a PDF literal string (already
 * escaped, one char per byte), `width` the advance in 1/1000 em (× size / 1000 for points).
 */
export interface GlyphRun {
  readonly codes: string;
  readonly width: number;
}

export interface PdfFont {
  /** Resource name for `Tf`, e.g. "F1". */
  readonly id: string;
  /** Ascender and descender in thousandths of the font size (descender is negative). */
  readonly ascender: number;
  readonly descender: number;
  /** The whole string as one run. */
  run(text: string): GlyphRun;
  /** The string, or as much of it as fits in `maxWidth` (1/1000 em) followed by "…". */
  fit(text: string, maxWidth: number): GlyphRun;
  /** Lists the font in the current page's resources (every page that draws with it needs this). */
  useOnPage(doc: PDFDocument): void;
}

/** Registers a weight of the embedded font with `doc` and returns its encoder. */
export function openFont(doc: PDFDocument, weight: FontWeight): PdfFont {
  const name = `export-${weight}`;
  doc.registerFont(name, loadFontFile(weight));
  doc.font(name);
  const font: unknown = (doc as unknown as { _font?: unknown })._font;
  if (!isEmbeddedFont(font)) {
    throw new Error('pdfkit internals changed: the current font has no id/encode/ref (pdfkit 0.20 expected)');
  }
  return glyphEncoder(font);
}

const SPACE = 0x20;
const ELLIPSIS = 0x2026;
const REPLACEMENT = 0xfffd;

/** Glyph id as two bytes of a PDF literal string; `\`, `(`, `)` and line ends must be escaped. */
function glyphBytes(gid: number): string {
  let out = '';
  for (const byte of [gid >> 8, gid & 0xff]) {
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += '\\' + String.fromCharCode(byte);
    else if (byte === 0x0d) out += '\\r';
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return out;
}

function glyphEncoder(font: PdfkitEmbeddedFont): PdfFont {
  // Per document (glyph ids are numbered within this document's font subset) and per character:
  // flat arrays indexed by UTF-16 code unit for the common case, a Map for astral characters.
  const known = new Uint8Array(0x10000);
  const advances = new Float64Array(0x10000);
  const codes: string[] = new Array<string>(0x10000).fill('');
  const astral = new Map<number, { codes: string; advance: number }>();

  const encodeOne = (codePoint: number): { codes: string; advance: number } | undefined => {
    const [ids, positions] = font.encode(String.fromCodePoint(codePoint));
    if (ids.length === 0 || ids.includes('0000')) return undefined; // the font lacks it: tofu
    let advance = 0;
    for (const p of positions) advance += p.xAdvance;
    return { codes: ids.map((id) => glyphBytes(parseInt(id, 16))).join(''), advance };
  };

  const learn = (codePoint: number): { codes: string; advance: number } => {
    // Control characters (tab, newline, …) would draw as boxes in a one-line cell: show a space.
    const isControl = codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || codePoint === 0x2028 || codePoint === 0x2029;
    const glyph =
      (isControl ? glyphOf(SPACE) : encodeOne(codePoint)) ??
      (codePoint === REPLACEMENT ? { codes: glyphBytes(0), advance: 600 } : glyphOf(REPLACEMENT));
    if (codePoint < 0x10000) {
      known[codePoint] = 1;
      advances[codePoint] = glyph.advance;
      codes[codePoint] = glyph.codes;
    } else {
      astral.set(codePoint, glyph);
    }
    return glyph;
  };

  function glyphOf(codePoint: number): { codes: string; advance: number } {
    if (codePoint < 0x10000) {
      return known[codePoint] === 1 ? { codes: codes[codePoint] ?? '', advance: advances[codePoint] ?? 0 } : learn(codePoint);
    }
    return astral.get(codePoint) ?? learn(codePoint);
  }

  const ellipsis = glyphOf(ELLIPSIS);

  const run = (text: string): GlyphRun => fit(text, Infinity);

  // One pass over the characters: remember where the text last fitted together with an ellipsis
  // (not counting trailing spaces); cut there as soon as the whole text is known not to fit.
  function fit(text: string, maxWidth: number): GlyphRun {
    const limit = maxWidth - ellipsis.advance;
    let out = '';
    let width = 0;
    let keptLength = 0;
    let keptWidth = 0;
    let ellipsisFits = true;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      let advance: number;
      let glyph: string;
      if (unit >= 0xd800 && unit < 0xdc00 && i + 1 < text.length) {
        const g = glyphOf(text.codePointAt(i) ?? unit);
        i++;
        advance = g.advance;
        glyph = g.codes;
      } else {
        if (known[unit] !== 1) learn(unit);
        advance = advances[unit] as number;
        glyph = codes[unit] as string;
      }
      width += advance;
      if (width > maxWidth) {
        if (keptWidth > limit) return { codes: '', width: 0 }; // not even "…" fits
        return { codes: out.slice(0, keptLength) + ellipsis.codes, width: keptWidth + ellipsis.advance };
      }
      out += glyph;
      if (ellipsisFits) {
        if (width > limit) ellipsisFits = false;
        else if (unit !== SPACE) {
          keptLength = out.length;
          keptWidth = width;
        }
      }
    }
    return { codes: out, width };
  }

  return {
    id: font.id,
    ascender: font.ascender,
    descender: font.descender,
    run,
    fit,
    useOnPage(doc) {
      const fonts = (doc.page as unknown as { fonts: Record<string, unknown> }).fonts;
      fonts[font.id] ??= font.ref();
    },
  };
}
