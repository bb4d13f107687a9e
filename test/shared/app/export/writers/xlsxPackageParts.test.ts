/**
 * The SpreadsheetML package parts of the XLSX writer, each written out literally for a small fixed
 * input. The oracles are the OOXML spec (ECMA-376 part 1 and the OPC part 2): part names, content
 * types and relationship types a spreadsheet program looks for, the `_xlnm._FilterDatabase` defined
 * name Excel keeps next to an autofilter, the frozen header pane, Excel's sheet-name rules.
 */
import { describe, expect, it } from 'vitest';
import type { ColumnDef } from '../../../../../shared/domain/datasets.js';
import {
  contentTypesXml,
  corePropsXml,
  rootRelsXml,
  rowRenderer,
  sheetHead,
  sheetName,
  sheetTail,
  stylesXml,
  workbookRelsXml,
  workbookXml,
} from '../../../../../shared/app/export/writers/xlsxParts.js';

const DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const OFFICE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PACKAGE_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const SPREADSHEET_CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const columns: readonly ColumnDef[] = [
  { name: 'id', header: 'ID', type: 'string', width: 10 },
  { name: 'visits', header: 'Visit count', type: 'integer', width: 5 },
];

describe('xlsx worksheet parts', () => {
  it('opens a sheet with a frozen header pane, column widths and the bold header row', () => {
    const frozen =
      '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
      '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/>';
    // Widths: the declared width, or the header plus 3 characters when wider, plus Excel's padding.
    const cols =
      '<cols><col min="1" max="1" width="10.7109375" customWidth="1"/>' +
      '<col min="2" max="2" width="14.7109375" customWidth="1"/></cols>';
    const header =
      '<sheetData><row r="1"><c r="A1" t="inlineStr" s="1"><is><t>ID</t></is></c>' +
      '<c r="B1" t="inlineStr" s="1"><is><t>Visit count</t></is></c></row>';
    const open = `${DECL}<worksheet xmlns="${MAIN}" xmlns:r="${OFFICE_REL}">`;

    expect(sheetHead(columns, true)).toBe(
      `${open}<sheetViews><sheetView tabSelected="1" workbookViewId="0">${frozen}</sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols}${header}`,
    );
    expect(sheetHead(columns, false)).toBe(
      `${open}<sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews>` +
        `<sheetFormatPr defaultRowHeight="15"/>${cols}${header}`,
    );
    // No columns: no (invalid, empty) <cols> element.
    expect(sheetHead([], false)).toBe(
      `${open}<sheetViews><sheetView workbookViewId="0">${frozen}</sheetView></sheetViews>` +
        '<sheetFormatPr defaultRowHeight="15"/><sheetData><row r="1"></row>',
    );
  });

  it('renders one cell per declared column: a missing cell is empty, an extra one is not written', () => {
    const render = rowRenderer(columns);
    expect(render(2, ['a', 7, 'extra'])).toBe(
      '<row r="2"><c r="A2" t="inlineStr"><is><t>a</t></is></c><c r="B2"><v>7</v></c></row>',
    );
    expect(render(3, ['b'])).toBe('<row r="3"><c r="A3" t="inlineStr"><is><t>b</t></is></c></row>');
  });

  it('closes a sheet with an autofilter over the header and data rows, none without columns', () => {
    expect(sheetTail(3, 5)).toBe('</sheetData><autoFilter ref="A1:C5"/></worksheet>');
    expect(sheetTail(28, 12)).toBe('</sheetData><autoFilter ref="A1:AB12"/></worksheet>');
    expect(sheetTail(0, 1)).toBe('</sheetData></worksheet>');
  });
});

describe('xlsx sheet names', () => {
  it('trims the title and drops apostrophes at either end (Excel forbids them there)', () => {
    expect(sheetName('  Sessions  ', 1)).toBe('Sessions');
    expect(sheetName("''Quoted''", 1)).toBe('Quoted');
    expect(sheetName("'' Both ''", 2)).toBe('Both (2)');
  });

  it('renames the reserved name "History" and an empty title, whatever the case', () => {
    expect(sheetName('History', 1)).toBe('Sheet History');
    expect(sheetName('HISTORY', 3)).toBe('Sheet HISTORY (3)');
    expect(sheetName('history', 1)).toBe('Sheet history');
    expect(sheetName('', 2)).toBe('Sheet (2)');
    expect(sheetName("'''", 1)).toBe('Sheet');
    expect(sheetName('Historic', 1)).toBe('Historic');
    // Apostrophes at the end are dropped before the reserved-name check.
    expect(sheetName("History''", 1)).toBe('Sheet History');
  });

  it('drops every space and apostrophe the 31-character cut leaves at the end', () => {
    const title = `${'a'.repeat(28)} ' tail`;
    expect(sheetName(title, 1)).toBe('a'.repeat(28));
    expect(sheetName(`${'b'.repeat(25)}  x`, 2)).toBe(`${'b'.repeat(25)} (2)`);
  });
});

describe('xlsx workbook and package parts', () => {
  it('lists the sheets in order with their autofilter ranges as _xlnm._FilterDatabase', () => {
    expect(
      workbookXml(
        [
          { name: 'Sessions', rowCount: 5 },
          { name: 'Sessions (2)', rowCount: 12 },
        ],
        3,
      ),
    ).toBe(
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}"><bookViews><workbookView activeTab="0"/></bookViews>` +
        '<sheets><sheet name="Sessions" sheetId="1" r:id="rId1"/><sheet name="Sessions (2)" sheetId="2" r:id="rId2"/></sheets>' +
        '<definedNames>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">\'Sessions\'!$A$1:$C$5</definedName>' +
        '<definedName name="_xlnm._FilterDatabase" localSheetId="1" hidden="1">\'Sessions (2)\'!$A$1:$C$12</definedName>' +
        '</definedNames></workbook>',
    );
  });

  it('escapes sheet names for XML and for formulas, with two-letter columns', () => {
    expect(workbookXml([{ name: `R&D's "Q1"`, rowCount: 1 }], 28)).toBe(
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}"><bookViews><workbookView activeTab="0"/></bookViews>` +
        '<sheets><sheet name="R&amp;D\'s &quot;Q1&quot;" sheetId="1" r:id="rId1"/></sheets>' +
        '<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">' +
        "'R&amp;D''s &quot;Q1&quot;'!$A$1:$AB$1</definedName></definedNames></workbook>",
    );
  });

  it('has no defined names when there are no columns to filter', () => {
    expect(workbookXml([{ name: 'Sheet', rowCount: 1 }], 0)).toBe(
      `${DECL}<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_REL}"><bookViews><workbookView activeTab="0"/></bookViews>` +
        '<sheets><sheet name="Sheet" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
  });

  it('relates the workbook to each worksheet and to the styles', () => {
    expect(workbookRelsXml(2)).toBe(
      `${DECL}<Relationships xmlns="${PACKAGE_REL}">` +
        `<Relationship Id="rId1" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId3" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    );
    expect(workbookRelsXml(1)).toBe(
      `${DECL}<Relationships xmlns="${PACKAGE_REL}">` +
        `<Relationship Id="rId1" Type="${OFFICE_REL}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId2" Type="${OFFICE_REL}/styles" Target="styles.xml"/>` +
        '</Relationships>',
    );
  });

  it('declares the content type of every part', () => {
    expect(contentTypesXml(2)).toBe(
      `${DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
        '<Default Extension="xml" ContentType="application/xml"/>' +
        `<Override PartName="/xl/workbook.xml" ContentType="${SPREADSHEET_CT}.sheet.main+xml"/>` +
        `<Override PartName="/xl/styles.xml" ContentType="${SPREADSHEET_CT}.styles+xml"/>` +
        '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
        `<Override PartName="/xl/worksheets/sheet1.xml" ContentType="${SPREADSHEET_CT}.worksheet+xml"/>` +
        `<Override PartName="/xl/worksheets/sheet2.xml" ContentType="${SPREADSHEET_CT}.worksheet+xml"/>` +
        '</Types>',
    );
  });

  it('relates the package to the workbook and to the core properties', () => {
    expect(rootRelsXml()).toBe(
      `${DECL}<Relationships xmlns="${PACKAGE_REL}">` +
        `<Relationship Id="rId1" Type="${OFFICE_REL}/officeDocument" Target="xl/workbook.xml"/>` +
        `<Relationship Id="rId2" Type="${PACKAGE_REL}/metadata/core-properties" Target="docProps/core.xml"/>` +
        '</Relationships>',
    );
  });

  it('writes the title and the creation time (whole seconds, W3CDTF) as core properties', () => {
    const open =
      `${DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"` +
      ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/"' +
      ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">';
    expect(corePropsXml('Sessions export, A & <B>', '2026-02-01T08:00:00.123Z')).toBe(
      `${open}<dc:title>Sessions export, A &amp; &lt;B&gt;</dc:title>` +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-01T08:00:00Z</dcterms:created></cp:coreProperties>',
    );
    expect(corePropsXml('T', '2026-02-01T09:30:00+01:00')).toBe(
      `${open}<dc:title>T</dc:title>` +
        '<dcterms:created xsi:type="dcterms:W3CDTF">2026-02-01T08:30:00Z</dcterms:created></cp:coreProperties>',
    );
    expect(corePropsXml('T', 'not a date')).toBe(`${open}<dc:title>T</dc:title></cp:coreProperties>`);
  });

  it('has four cell formats: default, bold header, date-time and date', () => {
    const xf = (numFmt: number, font: number, extra: string): string =>
      `<xf numFmtId="${numFmt}" fontId="${font}" fillId="0" borderId="0" xfId="0"${extra}/>`;
    expect(stylesXml()).toBe(
      `${DECL}<styleSheet xmlns="${MAIN}">` +
        '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd hh:mm:ss"/>' +
        '<numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>' +
        '<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>' +
        '<font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>' +
        '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
        `<cellXfs count="4">${xf(0, 0, '')}${xf(0, 1, ' applyFont="1"')}` +
        `${xf(164, 0, ' applyNumberFormat="1"')}${xf(165, 0, ' applyNumberFormat="1"')}</cellXfs>` +
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
        '</styleSheet>',
    );
  });
});
