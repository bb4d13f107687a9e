/**
 * The XLSX writer's file as a ZIP package: which parts it holds in which order, their exact XML for
 * a small split export, a single sheet larger than the writer's text buffer, the deflate level,
 * the option checks, and how the writer stops when its consumer or its input goes away.
 * The package is read with the test's own ZIP reader (`zipReading.ts`), CRCs included.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnDef, Row } from '../../../../../shared/domain/datasets.js';
import type { ExportMeta } from '../../../../../shared/app/export/writers/writer.js';
import { xlsxWriter } from '../../../../../shared/app/export/writers/xlsx.js';
import { readZip, zipText } from './zipReading.js';

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';

const idColumn: ColumnDef = { name: 'id', header: 'ID', type: 'string', width: 10 };

function metaFor(columns: readonly ColumnDef[]): ExportMeta {
  return {
    dataset: { dataType: 'users', title: 'Users', columns },
    columns,
    organizationName: 'Acme & Co',
    organizationId: 'org-1',
    dateFrom: '2026-01-01',
    dateTo: '2026-01-31',
    generatedAt: '2026-02-01T08:00:00.000Z',
  };
}

async function* inBatches(rows: readonly Row[], size: number): AsyncGenerator<readonly Row[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

async function collect(bytes: AsyncIterable<Uint8Array>): Promise<Buffer> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of bytes) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** The worksheet XML of one text column `ID` (width 10) up to its header row. */
const sheetStart = (selected: boolean): string =>
  `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${OFFICE_REL}">` +
  `<sheetViews><sheetView${selected ? ' tabSelected="1"' : ''} workbookViewId="0">` +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>' +
  '<sheetFormatPr defaultRowHeight="15"/><cols><col min="1" max="1" width="10.7109375" customWidth="1"/></cols>' +
  '<sheetData><row r="1"><c r="A1" t="inlineStr" s="1"><is><t>ID</t></is></c></row>';
const textRow = (r: number, text: string): string => `<row r="${r}"><c r="A${r}" t="inlineStr"><is><t>${text}</t></is></c></row>`;

describe('xlsxWriter: the package', () => {
  it('splits three rows over two sheets of limit 3 and writes every part exactly', async () => {
    const file = await collect(xlsxWriter({ sheetRowLimit: 3 })(inBatches([['r1'], ['r2'], ['r3']], 2), metaFor([idColumn])));
    const entries = readZip(file);
    expect(entries.map((e) => e.name)).toEqual([
      'xl/worksheets/sheet1.xml',
      'xl/worksheets/sheet2.xml',
      'xl/styles.xml',
      'xl/workbook.xml',
      'xl/_rels/workbook.xml.rels',
      'docProps/core.xml',
      '_rels/.rels',
      '[Content_Types].xml',
    ]);
    // Only the first sheet is the selected tab; each sheet has its own header and autofilter.
    expect(zipText(entries, 'xl/worksheets/sheet1.xml')).toBe(
      `${sheetStart(true)}${textRow(2, 'r1')}${textRow(3, 'r2')}</sheetData><autoFilter ref="A1:A3"/></worksheet>`,
    );
    expect(zipText(entries, 'xl/worksheets/sheet2.xml')).toBe(
      `${sheetStart(false)}${textRow(2, 'r3')}</sheetData><autoFilter ref="A1:A2"/></worksheet>`,
    );
    expect(zipText(entries, 'xl/workbook.xml')).toBe(
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}"><bookViews><workbookView activeTab="0"/></bookViews>` +
        '<sheets><sheet name="Users" sheetId="1" r:id="rId1"/><sheet name="Users (2)" sheetId="2" r:id="rId2"/></sheets>' +
        '<definedNames>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Users\'!$A$1:$A$3</definedName>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">\'Users (2)\'!$A$1:$A$2</definedName>' +
        '</definedNames></workbook>',
    );
    expect(zipText(entries, 'xl/_rels/workbook.xml.rels')).toContain(
      `<Relationship Id="rId2" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${OFFICE_REL}/styles" Target="styles.xml"/></Relationships>`,
    );
    expect(zipText(entries, '[Content_Types].xml')).toContain(
      '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    expect(zipText(entries, '_rels/.rels')).toContain(`Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"`);
    expect(zipText(entries, 'xl/styles.xml')).toContain('<cellXfs count="4">');
    expect(zipText(entries, 'docProps/core.xml')).toContain(
      '<dc:title>Users export, Acme &amp; Co, 2026-01-01 to 2026-01-31</dc:title>' +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-01T08:00:00Z</dcterms:created>',
    );
    expect(zipText(entries, '_rels/.rels')).toContain(`${PACKAGE_REL}/metadata/core-properties`);
  });

  it('writes a sheet of many times the text buffer whole and in order, without leaking listeners', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error): void => void warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const texts = Array.from({ length: 8_000 }, (_, i) => `row-${i}-${'x'.repeat(80)}`);
      const file = await collect(
        xlsxWriter({ sheetRowLimit: 1_048_576 })(
          inBatches(
            texts.map((t) => [t]),
            500,
          ),
          metaFor([idColumn]),
        ),
      );
      const expected = `${sheetStart(true)}${texts.map((t, i) => textRow(i + 2, t)).join('')}</sheetData><autoFilter ref="A1:A8001"/></worksheet>`;
      expect(expected.length).toBeGreaterThan(800_000);
      const sheet = zipText(readZip(file), 'xl/worksheets/sheet1.xml');
      expect(sheet.length).toBe(expected.length);
      expect(sheet === expected).toBe(true);
      // A warning (such as MaxListenersExceededWarning) is emitted on a later tick.
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => w.name)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});

describe('xlsxWriter: options', () => {
  const rows: Row[] = Array.from({ length: 200 }, (_, i) => [`same text ${i % 3}`]);

  it('stores the parts uncompressed at level 0 and deflates them at levels 1 to 9', async () => {
    const sheetAt = async (compressionLevel?: number) => {
      const file = await collect(
        xlsxWriter({ sheetRowLimit: 1_048_576, compressionLevel })(inBatches(rows, 50), metaFor([idColumn])),
      );
      const sheet = readZip(file).find((e) => e.name === 'xl/worksheets/sheet1.xml');
      if (!sheet) throw new Error('no sheet1');
      return sheet;
    };
    const stored = await sheetAt(0);
    expect(stored.size).toBeGreaterThan(10_000);
    // Deflate's stored blocks: the data plus a few bytes of block headers.
    expect(stored.compressedSize).toBeGreaterThanOrEqual(stored.size);
    for (const level of [undefined, 1, 9]) {
      const deflated = await sheetAt(level);
      expect(deflated.size).toBe(stored.size);
      expect(deflated.compressedSize).toBeLessThan(stored.size / 5);
    }
  });

  it('rejects a compression level that is not an integer from 0 to 9, with the reason', () => {
    for (const bad of [-1, 10, 1.5, Number.NaN]) {
      expect(() => xlsxWriter({ sheetRowLimit: 100, compressionLevel: bad })).toThrow(
        new RangeError(`compressionLevel must be an integer from 0 to 9, got ${bad}`),
      );
    }
    for (const good of [0, 9]) expect(() => xlsxWriter({ sheetRowLimit: 100, compressionLevel: good })).not.toThrow();
  });

  it('says why a row limit is rejected', () => {
    expect(() => xlsxWriter({ sheetRowLimit: 1 })).toThrow(
      new RangeError('sheetRowLimit must be an integer from 2 to 1048576, got 1'),
    );
  });
});
