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

/**
 * For what DejaVu lacks — Chinese, Japanese kana, … — Noto Sans SC (`@expo-google-fonts/noto-sans-sc`,
 * SIL OFL). Loaded only when a document meets such a character, and embedded as a subset of the
 * glyphs used, like the main font: a few kilobytes, not the 10 MB file.
 */
const FALLBACK_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;

const fontBytes = new Map<string, Buffer>();

/** Reads a font file once per process; pdfkit parses and subsets it per document. */
function loadFontFile(path: string): Buffer {
  let bytes = fontBytes.get(path);
  // Stryker disable next-line ConditionalExpression: a cache; reading the file again gives the same bytes
  if (!bytes) {
    bytes = readFileSync(require.resolve(path));
    fontBytes.set(path, bytes);
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
  // Stryker disable ConditionalExpression,LogicalOperator,OptionalChaining: guards against a pdfkit upgrade; with the pinned pdfkit 0.20.2 every check holds, so no input tells a weakened check apart
  return (
    typeof f?.id === 'string' &&
    typeof f.encode === 'function' &&
    typeof f.ref === 'function' &&
    typeof f.ascender === 'number' &&
    typeof f.descender === 'number'
  );
  // Stryker restore ConditionalExpression,LogicalOperator,OptionalChaining
}

/**
 * Glyphs ready for a content stream: `codes` is the body of a PDF literal string (already
 * escaped, one char per byte), `width` the advance in 1/1000 em (× size / 1000 for points).
 * When some glyphs come from the fallback font, `parts` splits the run by font (and `codes` holds
 * them all, for measuring only); draw it with `showText`.
 */
export interface GlyphRun {
  readonly codes: string;
  readonly width: number;
  readonly parts?: readonly { readonly fallback: boolean; readonly codes: string }[];
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
  /**
   * The whole string on as many lines of `maxWidth` (1/1000 em) as it needs: broken after a space
   * or a separator (- / @ . _ , ; : ? & =) where one is on the line, else between two characters.
   * No character is dropped or added, so every value reads back whole.
   */
  wrap(text: string, maxWidth: number): GlyphRun[];
  /** `(…) Tj` for the run at `size`, switching to the fallback font for its glyphs and back. */
  showText(run: GlyphRun, size: number): string;
  /** Lists the font (and its fallback, once used) in the current page's resources. */
  useOnPage(doc: PDFDocument): void;
}

/** Registers a weight of the embedded font with `doc` and returns its encoder. */
export function openFont(doc: PDFDocument, weight: FontWeight): PdfFont {
  const register = (name: string, path: string): PdfkitEmbeddedFont => {
    doc.registerFont(name, loadFontFile(path));
    doc.font(name);
    const font: unknown = (doc as unknown as { _font?: unknown })._font;
    // Stryker disable next-line ConditionalExpression,BlockStatement: the pdfkit-upgrade guard above; never true with pdfkit 0.20.2
    if (!isEmbeddedFont(font)) {
      // Stryker disable next-line StringLiteral: unreachable with pdfkit 0.20.2 (see above)
      throw new Error('pdfkit internals changed: the current font has no id/encode/ref (pdfkit 0.20 expected)');
    }
    return font;
  };
  const main = register(`export-${weight}`, FONT_FILES[weight]);
  let fallback: PdfkitEmbeddedFont | undefined;
  const fallbackFont = (): PdfkitEmbeddedFont => {
    // Stryker disable next-line ConditionalExpression: registering the same name again gives pdfkit's cached font, already listed on the page
    if (!fallback) {
      fallback = register(`export-${weight}-cjk`, FALLBACK_FILES[weight]);
      // The page being drawn uses it from now on; later pages list it in useOnPage.
      listOnPage(doc, fallback);
    }
    return fallback;
  };
  return glyphEncoder(main, fallbackFont, () => fallback);
}

function listOnPage(doc: PDFDocument, font: PdfkitEmbeddedFont): void {
  const page = (doc as unknown as { page?: { fonts: Record<string, unknown> } }).page;
  if (page) page.fonts[font.id] ??= font.ref();
}

const SPACE = 0x20;
/** A line may break after these (and after a space): the natural seams of ids, e-mails, paths and lists. */
const BREAK_AFTER = new Set([0x2d, 0x2f, 0x40, 0x2e, 0x5f, 0x2c, 0x3b, 0x3a, 0x3f, 0x26, 0x3d, 0x5c]);
const breakAfter = new Uint8Array(128);
for (const c of BREAK_AFTER) breakAfter[c] = 1;
const ELLIPSIS = 0x2026;
const REPLACEMENT = 0xfffd;

/** Glyph id as two bytes of a PDF literal string; `\`, `(`, `)` and line ends must be escaped. */
function glyphBytes(gid: number): string {
  let out = '';
  for (const byte of [gid >> 8, gid & 0xff]) {
    if (byte === 0x5c || byte === 0x28 || byte === 0x29) out += '\\' + String.fromCharCode(byte);
    else if (byte === 0x0d) out += '\\r';
    // Stryker disable next-line ConditionalExpression: an unescaped LF in a literal string reads as LF (ISO 32000-1 §7.3.4.2); escaped for readability of the stream only
    else if (byte === 0x0a) out += '\\n';
    else out += String.fromCharCode(byte);
  }
  return out;
}

interface Glyph {
  readonly codes: string;
  readonly advance: number;
  /** Drawn with the fallback font. */
  readonly fallback: boolean;
}

function glyphEncoder(
  font: PdfkitEmbeddedFont,
  openFallback: () => PdfkitEmbeddedFont,
  fallbackIfOpen: () => PdfkitEmbeddedFont | undefined,
): PdfFont {
  // Per document (glyph ids are numbered within this document's font subset) and per character:
  // flat arrays indexed by UTF-16 code unit for the common case, a Map for astral characters.
  const known = new Uint8Array(0x10000);
  const advances = new Float64Array(0x10000);
  const codes: string[] = new Array<string>(0x10000).fill('');
  /** 1 where the character's glyph is the fallback font's. */
  const fromFallback = new Uint8Array(0x10000);
  const astral = new Map<number, Glyph>();

  const encodeWith = (f: PdfkitEmbeddedFont, codePoint: number, fallback: boolean): Glyph | undefined => {
    const [ids, positions] = f.encode(String.fromCodePoint(codePoint));
    // No glyph at all: the layout dropped a variation selector (U+FE0F after ❤), which only picks
    // the form of the character before it. Nothing to draw — a replacement glyph would show "❤�".
    if (ids.length === 0) return { codes: '', advance: 0, fallback };
    if (ids.includes('0000')) return undefined; // the font lacks it: tofu
    let advance = 0;
    for (const p of positions) advance += p.xAdvance;
    return { codes: ids.map((id) => glyphBytes(parseInt(id, 16))).join(''), advance, fallback };
  };
  const encodeOne = (codePoint: number): Glyph | undefined => {
    const own = encodeWith(font, codePoint, false);
    // Stryker disable next-line ConditionalExpression,EqualityOperator: DejaVu has every character below U+0250 (checked with fontkit), so `own` is set whenever this bound decides
    if (own || codePoint < 0x250) return own; // Latin is DejaVu's: no need to open the fallback
    return encodeWith(openFallback(), codePoint, true);
  };

  const learn = (codePoint: number): Glyph => {
    // Control characters (tab, newline, …) would draw as boxes in a cell: show a space.
    const isControl = codePoint < 0x20 || (codePoint >= 0x7f && codePoint < 0xa0) || codePoint === 0x2028 || codePoint === 0x2029;
    const glyph =
      (isControl ? glyphOf(SPACE) : encodeOne(codePoint)) ??
      // Stryker disable next-line ConditionalExpression,BooleanLiteral: DejaVu has U+FFFD; the glyph-0 branch only guards a font without it
      (codePoint === REPLACEMENT ? { codes: glyphBytes(0), advance: 600, fallback: false } : glyphOf(REPLACEMENT));
    // Stryker disable next-line ConditionalExpression,EqualityOperator: `<=`/`true` only lose the cache of astral glyphs (learnt again); the killed `>=`/`false` share these names
    if (codePoint < 0x10000) {
      known[codePoint] = 1;
      advances[codePoint] = glyph.advance;
      codes[codePoint] = glyph.codes;
      fromFallback[codePoint] = glyph.fallback ? 1 : 0;
    } else {
      astral.set(codePoint, glyph);
    }
    return glyph;
  };

  function glyphOf(codePoint: number): Glyph {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: which cache is asked first; a miss learns the glyph again, with the same result
    if (codePoint < 0x10000) {
      return known[codePoint] === 1
        ? { codes: codes[codePoint] ?? '', advance: advances[codePoint] ?? 0, fallback: fromFallback[codePoint] === 1 }
        : learn(codePoint);
    }
    return astral.get(codePoint) ?? learn(codePoint);
  }

  const ellipsis = glyphOf(ELLIPSIS);

  /** Every glyph of the text, with where a line may break after it. */
  const glyphsOf = (text: string): { glyph: Glyph; breakAfter: boolean; space: boolean }[] => {
    const out: { glyph: Glyph; breakAfter: boolean; space: boolean }[] = [];
    for (const ch of text) {
      const codePoint = ch.codePointAt(0) ?? SPACE;
      out.push({ glyph: glyphOf(codePoint), breakAfter: BREAK_AFTER.has(codePoint), space: codePoint === SPACE });
    }
    return out;
  };

  /** One run of glyphs; `parts` only when the fallback font is among them. */
  const runOf = (glyphs: readonly Glyph[]): GlyphRun => {
    let codesOut = '';
    let width = 0;
    let mixed = false;
    for (const g of glyphs) {
      codesOut += g.codes;
      width += g.advance;
      mixed ||= g.fallback;
    }
    if (!mixed) return { codes: codesOut, width };
    const parts: { fallback: boolean; codes: string }[] = [];
    for (const g of glyphs) {
      const last = parts[parts.length - 1];
      if (last && last.fallback === g.fallback) last.codes += g.codes;
      else parts.push({ fallback: g.fallback, codes: g.codes });
    }
    return { codes: codesOut, width, parts };
  };

  /** Measures in one pass; a text of the main font that fits is the common case and costs no arrays. */
  const single = (text: string, maxWidth: number): GlyphRun | undefined => {
    let out = '';
    let width = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      // The fast path may always decline: the general path gives the same run. So declining more often is equivalent.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: declining (see above); the killed `false` shares the name
      if (unit >= 0xd800 && unit < 0xe000) return undefined; // astral: the general path
      // Stryker disable next-line ConditionalExpression: `true` learns a known glyph again, with the same result; the killed `false` shares the name
      if (known[unit] !== 1) learn(unit);
      // Stryker disable next-line ConditionalExpression: `true` declines (see above); the killed `false` shares the name
      if (fromFallback[unit] === 1) return undefined;
      width += advances[unit] as number;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: declining (see above); the killed `false` shares the name
      if (width > maxWidth) return undefined;
      out += codes[unit] as string;
    }
    return { codes: out, width };
  };

  const run = (text: string): GlyphRun => single(text, Infinity) ?? runOf(glyphsOf(text).map((g) => g.glyph));

  function fit(text: string, maxWidth: number): GlyphRun {
    const fast = single(text, maxWidth);
    // Stryker disable next-line ConditionalExpression: `false` takes the general path, which gives the same run; the killed `true` shares the name
    if (fast) return fast;
    const all = glyphsOf(text).map((g) => g.glyph);
    const whole = runOf(all);
    if (whole.width <= maxWidth) return whole;
    // Cut where the text and an ellipsis fit (not after a space).
    const limit = maxWidth - ellipsis.advance;
    let width = 0;
    let keep = 0;
    // Stryker disable next-line EqualityOperator: the whole run is wider than maxWidth ≥ limit, so the loop always ends at the break before i reaches the end
    for (let i = 0; i < all.length; i++) {
      width += (all[i] as Glyph).advance;
      if (width > limit) break;
      if ((all[i] as Glyph).codes !== codes[SPACE]) keep = i + 1;
    }
    if (limit < 0) return { codes: '', width: 0 }; // not even "…" fits
    return runOf([...all.slice(0, keep), ellipsis]);
  }

  /**
   * Wrap for text the main font draws alone (the common case): one pass over the string with the
   * flat per-character tables, no per-glyph objects. Undefined for astral or fallback characters.
   */
  function wrapMain(text: string, maxWidth: number): GlyphRun[] | undefined {
    const lines: GlyphRun[] = [];
    let out = '';
    let width = 0;
    // Where the line may break: after this many output bytes, at this width.
    let breakAt = -1;
    let breakWidth = 0;
    for (let i = 0; i < text.length; i++) {
      const unit = text.charCodeAt(i);
      // Like `single`, wrapMain may always decline: `wrap` then gives the same lines ("both paths alike" in the tests).
      // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: declining; the killed `false` shares the name
      if (unit >= 0xd800 && unit < 0xe000) return undefined;
      // Stryker disable next-line ConditionalExpression: `true` learns a known glyph again; the killed `false` shares the name
      if (known[unit] !== 1) learn(unit);
      // Stryker disable next-line ConditionalExpression: `true` declines; the killed `false` shares the name
      if (fromFallback[unit] === 1) return undefined;
      const advance = advances[unit] as number;
      // Spaces may hang past the edge: they are not seen.
      while (width + advance > maxWidth && unit !== SPACE && out !== '') {
        // Stryker disable next-line EqualityOperator: breakAt is never 0, and a break at the very end of `out` gives the else branch's line
        if (breakAt > 0 && breakAt < out.length) {
          lines.push({ codes: out.slice(0, breakAt), width: breakWidth });
          out = out.slice(breakAt);
          width -= breakWidth;
        } else {
          lines.push({ codes: out, width });
          out = '';
          width = 0;
        }
        breakAt = -1;
      }
      out += codes[unit] as string;
      width += advance;
      // Stryker disable next-line EqualityOperator: breakAfter has 128 entries; reading past its end gives undefined, never 1
      if (unit === SPACE || (unit < 128 && breakAfter[unit] === 1)) {
        breakAt = out.length;
        breakWidth = width;
      }
    }
    lines.push({ codes: out, width });
    return lines;
  }

  function wrap(text: string, maxWidth: number): GlyphRun[] {
    const fast = wrapMain(text, maxWidth);
    if (fast) return fast;
    const glyphs = glyphsOf(text);
    const lines: GlyphRun[] = [];
    let start = 0;
    while (start < glyphs.length) {
      let width = 0;
      let end = start;
      let lastBreak = -1;
      while (end < glyphs.length) {
        const g = glyphs[end] as (typeof glyphs)[number];
        // Spaces may hang past the edge: they are not seen.
        if (width + g.glyph.advance > maxWidth && !g.space && end > start) break;
        width += g.glyph.advance;
        if (g.breakAfter || g.space) lastBreak = end;
        end++;
      }
      // Stryker disable next-line ArithmeticOperator: `end + 1` as `end - 1` only adds lastBreak = end - 1, where the break is already at the end
      if (end < glyphs.length && lastBreak >= start && lastBreak < end - 1) end = lastBreak + 1;
      lines.push(runOf(glyphs.slice(start, end).map((g) => g.glyph)));
      start = end;
    }
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArrayDeclaration,ObjectLiteral,StringLiteral: the empty text never gets here (wrapMain takes it), so `lines` is never empty
    return lines.length > 0 ? lines : [{ codes: '', width: 0 }];
  }

  const showText = (r: GlyphRun, size: number): string => {
    if (!r.parts) return `(${r.codes}) Tj`;
    const other = fallbackIfOpen();
    let out = '';
    for (const part of r.parts) {
      out += `/${part.fallback && other ? other.id : font.id} ${size} Tf (${part.codes}) Tj `;
    }
    return `${out}/${font.id} ${size} Tf`;
  };

  return {
    id: font.id,
    ascender: font.ascender,
    descender: font.descender,
    run,
    fit,
    wrap,
    showText,
    useOnPage(target) {
      listOnPage(target, font);
      const other = fallbackIfOpen();
      if (other) listOnPage(target, other);
    },
  };
}
