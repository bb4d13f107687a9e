import { OPS, getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

// What a PDF viewer draws, read back with pdf.js (not our code): the document information, each
// page's media box, every piece of text with its position and size, and every filled rectangle
// with its grey level and position on the page. Positions are PDF points from the page's
// bottom-left corner, rounded to hundredths (what the writer puts in the file).

export interface PlacedText {
  readonly str: string;
  readonly x: number;
  readonly y: number;
  readonly size: number;
  /** Right edge of the text (x + advance), as the viewer lays it out. */
  readonly right: number;
}

export interface FilledRect {
  /** 0 black … 1 white. */
  readonly gray: number;
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PageLayout {
  /** The media box [x0, y0, x1, y1]. */
  readonly view: readonly number[];
  readonly texts: readonly PlacedText[];
  readonly rects: readonly FilledRect[];
  /** Grey levels of the fills set before each piece of text, in drawing order (one per text object). */
  readonly textGrays: readonly number[];
}

export interface DocumentLayout {
  readonly info: Record<string, unknown>;
  readonly pages: readonly PageLayout[];
}

const round = (v: number): number => Math.round(v * 100) / 100;

type Matrix = [number, number, number, number, number, number];
const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[1] * n[2],
  m[0] * n[1] + m[1] * n[3],
  m[2] * n[0] + m[3] * n[2],
  m[2] * n[1] + m[3] * n[3],
  m[4] * n[0] + m[5] * n[2] + n[4],
  m[4] * n[1] + m[5] * n[3] + n[5],
];

/** Reads every page, or those `pagesToRead` picks (1-based) from the page count. */
export async function readLayout(
  bytes: Uint8Array,
  pagesToRead?: (pageCount: number) => readonly number[],
): Promise<DocumentLayout & { readonly pageCount: number }> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  try {
    const { info } = await pdf.getMetadata();
    const pages: PageLayout[] = [];
    const numbers = pagesToRead?.(pdf.numPages) ?? Array.from({ length: pdf.numPages }, (_, i) => i + 1);
    for (const p of numbers) {
      const page = await pdf.getPage(p);
      const texts: PlacedText[] = [];
      for (const item of (await page.getTextContent()).items) {
        if (!('str' in item) || item.str.trim() === '') continue;
        const [size, , , , x, y] = item.transform as number[];
        texts.push({
          str: item.str,
          x: round(x ?? 0),
          y: round(y ?? 0),
          size: round(size ?? 0),
          right: round((x ?? 0) + item.width),
        });
      }
      const rects: FilledRect[] = [];
      const textGrays: number[] = [];
      const operators = await page.getOperatorList();
      let ctm: Matrix = [1, 0, 0, 1, 0, 0];
      const stack: Matrix[] = [];
      let gray = 0;
      let pending: number[][] = [];
      operators.fnArray.forEach((fn, i) => {
        const args = operators.argsArray[i] as unknown[];
        if (fn === OPS.save) stack.push(ctm);
        else if (fn === OPS.restore) ctm = stack.pop() ?? [1, 0, 0, 1, 0, 0];
        else if (fn === OPS.transform) ctm = multiply(args as Matrix, ctm);
        else if (fn === OPS.setFillRGBColor || fn === OPS.setFillGray) {
          // pdf.js hands every fill colour over as RGB bytes; the writer only uses greys.
          gray = round(((args as unknown as ArrayLike<number>)[0] ?? 0) / 255);
        } else if (fn === OPS.beginText) textGrays.push(gray);
        else if (fn === OPS.constructPath) {
          const [ops, coords] = args as [number[], number[]];
          ops.forEach((op, k) => {
            if (op === OPS.rectangle) pending.push(coords.slice(4 * k, 4 * k + 4));
          });
        } else if (fn === OPS.fill || fn === OPS.eoFill) {
          for (const [x = 0, y = 0, w = 0, h = 0] of pending) {
            const [a, , , d, e, f] = ctm;
            const x0 = a * x + e;
            const y0 = d * y + f;
            const x1 = a * (x + w) + e;
            const y1 = d * (y + h) + f;
            rects.push({
              gray,
              x: round(Math.min(x0, x1)),
              y: round(Math.min(y0, y1)),
              width: round(Math.abs(x1 - x0)),
              height: round(Math.abs(y1 - y0)),
            });
          }
          pending = [];
        }
      });
      pages.push({ view: page.view.map(round), texts, rects, textGrays });
    }
    return { info: info as Record<string, unknown>, pages, pageCount: pdf.numPages };
  } finally {
    await pdf.destroy();
  }
}

/** The texts of a page on the baseline y (rounded to hundredths), left to right. */
export const textsAt = (page: PageLayout, y: number): PlacedText[] =>
  page.texts.filter((t) => Math.abs(t.y - y) < 0.005).sort((a, b) => a.x - b.x);
