/**
 * The datasets an organization can export, each declaring its columns once.
 * Writers (CSV, JSON, XLSX, PDF, …) take their headers, cell types and widths from here.
 */
// @ts-nocheck


/** Cell type of a column; decides how a writer renders a value. */function stryNS_9fa48() {
  var g = typeof globalThis === 'object' && globalThis && globalThis.Math === Math && globalThis || new Function("return this")();
  var ns = g.__stryker__ || (g.__stryker__ = {});
  if (ns.activeMutant === undefined && g.process && g.process.env && g.process.env.__STRYKER_ACTIVE_MUTANT__) {
    ns.activeMutant = g.process.env.__STRYKER_ACTIVE_MUTANT__;
  }
  function retrieveNS() {
    return ns;
  }
  stryNS_9fa48 = retrieveNS;
  return retrieveNS();
}
stryNS_9fa48();
function stryCov_9fa48() {
  var ns = stryNS_9fa48();
  var cov = ns.mutantCoverage || (ns.mutantCoverage = {
    static: {},
    perTest: {}
  });
  function cover() {
    var c = cov.static;
    if (ns.currentTestId) {
      c = cov.perTest[ns.currentTestId] = cov.perTest[ns.currentTestId] || {};
    }
    var a = arguments;
    for (var i = 0; i < a.length; i++) {
      c[a[i]] = (c[a[i]] || 0) + 1;
    }
  }
  stryCov_9fa48 = cover;
  cover.apply(null, arguments);
}
function stryMutAct_9fa48(id) {
  var ns = stryNS_9fa48();
  function isActive(id) {
    if (ns.activeMutant === id) {
      if (ns.hitCount !== void 0 && ++ns.hitCount > ns.hitLimit) {
        throw new Error('Stryker: Hit count limit reached (' + ns.hitCount + ')');
      }
      return true;
    }
    return false;
  }
  stryMutAct_9fa48 = isActive;
  return isActive(id);
}
export type ColumnType = 'string' | 'integer' | 'number' | 'boolean' | 'timestamp' | 'date';
export interface ColumnDef {
  /** Stable machine name, used in JSON keys and in the `columns` request option. */
  readonly name: string;
  /** Human header for CSV/XLSX/PDF. */
  readonly header: string;
  readonly type: ColumnType;
  /** Relative display width in characters (XLSX column width, PDF column share). */
  readonly width: number;
}

/**
 * One cell. Timestamps are ISO-8601 UTC strings (`2026-01-31T23:59:59.000Z`), dates `YYYY-MM-DD`:
 * sources normalise driver values so every writer sees the same representation.
 */
export type CellValue = string | number | boolean | null;

/** One row, cells in the order of the export's columns. */
export type Row = readonly CellValue[];
export const dataTypes = ['sessions', 'users', 'analytics'] as const;
export type DataType = (typeof dataTypes)[number];
export interface DatasetDef {
  readonly dataType: DataType;
  /** Title for documents and sheet names, e.g. "Sessions". */
  readonly title: string;
  readonly columns: readonly ColumnDef[];
}
const col = stryMutAct_9fa48("23") ? () => undefined : (stryCov_9fa48("23"), (() => {
  const col = (name: string, header: string, type: ColumnType, width: number): ColumnDef => stryMutAct_9fa48("24") ? {} : (stryCov_9fa48("24"), {
    name,
    header,
    type,
    width
  });
  return col;
})());
export const datasets: Readonly<Record<DataType, DatasetDef>> = stryMutAct_9fa48("25") ? {} : (stryCov_9fa48("25"), {
  sessions: stryMutAct_9fa48("26") ? {} : (stryCov_9fa48("26"), {
    dataType: stryMutAct_9fa48("27") ? "" : (stryCov_9fa48("27"), 'sessions'),
    title: stryMutAct_9fa48("28") ? "" : (stryCov_9fa48("28"), 'Sessions'),
    columns: stryMutAct_9fa48("29") ? [] : (stryCov_9fa48("29"), [col(stryMutAct_9fa48("30") ? "" : (stryCov_9fa48("30"), 'sessionId'), stryMutAct_9fa48("31") ? "" : (stryCov_9fa48("31"), 'Session ID'), stryMutAct_9fa48("32") ? "" : (stryCov_9fa48("32"), 'string'), 36), col(stryMutAct_9fa48("33") ? "" : (stryCov_9fa48("33"), 'userId'), stryMutAct_9fa48("34") ? "" : (stryCov_9fa48("34"), 'User ID'), stryMutAct_9fa48("35") ? "" : (stryCov_9fa48("35"), 'string'), 36), col(stryMutAct_9fa48("36") ? "" : (stryCov_9fa48("36"), 'userEmail'), stryMutAct_9fa48("37") ? "" : (stryCov_9fa48("37"), 'User email'), stryMutAct_9fa48("38") ? "" : (stryCov_9fa48("38"), 'string'), 28), col(stryMutAct_9fa48("39") ? "" : (stryCov_9fa48("39"), 'startedAt'), stryMutAct_9fa48("40") ? "" : (stryCov_9fa48("40"), 'Started at (UTC)'), stryMutAct_9fa48("41") ? "" : (stryCov_9fa48("41"), 'timestamp'), 20), col(stryMutAct_9fa48("42") ? "" : (stryCov_9fa48("42"), 'endedAt'), stryMutAct_9fa48("43") ? "" : (stryCov_9fa48("43"), 'Ended at (UTC)'), stryMutAct_9fa48("44") ? "" : (stryCov_9fa48("44"), 'timestamp'), 20), col(stryMutAct_9fa48("45") ? "" : (stryCov_9fa48("45"), 'durationSeconds'), stryMutAct_9fa48("46") ? "" : (stryCov_9fa48("46"), 'Duration (s)'), stryMutAct_9fa48("47") ? "" : (stryCov_9fa48("47"), 'integer'), 10), col(stryMutAct_9fa48("48") ? "" : (stryCov_9fa48("48"), 'pageViews'), stryMutAct_9fa48("49") ? "" : (stryCov_9fa48("49"), 'Page views'), stryMutAct_9fa48("50") ? "" : (stryCov_9fa48("50"), 'integer'), 8), col(stryMutAct_9fa48("51") ? "" : (stryCov_9fa48("51"), 'bounced'), stryMutAct_9fa48("52") ? "" : (stryCov_9fa48("52"), 'Bounced'), stryMutAct_9fa48("53") ? "" : (stryCov_9fa48("53"), 'boolean'), 8), col(stryMutAct_9fa48("54") ? "" : (stryCov_9fa48("54"), 'device'), stryMutAct_9fa48("55") ? "" : (stryCov_9fa48("55"), 'Device'), stryMutAct_9fa48("56") ? "" : (stryCov_9fa48("56"), 'string'), 10), col(stryMutAct_9fa48("57") ? "" : (stryCov_9fa48("57"), 'browser'), stryMutAct_9fa48("58") ? "" : (stryCov_9fa48("58"), 'Browser'), stryMutAct_9fa48("59") ? "" : (stryCov_9fa48("59"), 'string'), 10), col(stryMutAct_9fa48("60") ? "" : (stryCov_9fa48("60"), 'country'), stryMutAct_9fa48("61") ? "" : (stryCov_9fa48("61"), 'Country'), stryMutAct_9fa48("62") ? "" : (stryCov_9fa48("62"), 'string'), 8), col(stryMutAct_9fa48("63") ? "" : (stryCov_9fa48("63"), 'entryPage'), stryMutAct_9fa48("64") ? "" : (stryCov_9fa48("64"), 'Entry page'), stryMutAct_9fa48("65") ? "" : (stryCov_9fa48("65"), 'string'), 30)])
  }),
  users: stryMutAct_9fa48("66") ? {} : (stryCov_9fa48("66"), {
    dataType: stryMutAct_9fa48("67") ? "" : (stryCov_9fa48("67"), 'users'),
    title: stryMutAct_9fa48("68") ? "" : (stryCov_9fa48("68"), 'Users'),
    columns: stryMutAct_9fa48("69") ? [] : (stryCov_9fa48("69"), [col(stryMutAct_9fa48("70") ? "" : (stryCov_9fa48("70"), 'userId'), stryMutAct_9fa48("71") ? "" : (stryCov_9fa48("71"), 'User ID'), stryMutAct_9fa48("72") ? "" : (stryCov_9fa48("72"), 'string'), 36), col(stryMutAct_9fa48("73") ? "" : (stryCov_9fa48("73"), 'email'), stryMutAct_9fa48("74") ? "" : (stryCov_9fa48("74"), 'Email'), stryMutAct_9fa48("75") ? "" : (stryCov_9fa48("75"), 'string'), 28), col(stryMutAct_9fa48("76") ? "" : (stryCov_9fa48("76"), 'displayName'), stryMutAct_9fa48("77") ? "" : (stryCov_9fa48("77"), 'Display name'), stryMutAct_9fa48("78") ? "" : (stryCov_9fa48("78"), 'string'), 24), col(stryMutAct_9fa48("79") ? "" : (stryCov_9fa48("79"), 'role'), stryMutAct_9fa48("80") ? "" : (stryCov_9fa48("80"), 'Role'), stryMutAct_9fa48("81") ? "" : (stryCov_9fa48("81"), 'string'), 10), col(stryMutAct_9fa48("82") ? "" : (stryCov_9fa48("82"), 'department'), stryMutAct_9fa48("83") ? "" : (stryCov_9fa48("83"), 'Department'), stryMutAct_9fa48("84") ? "" : (stryCov_9fa48("84"), 'string'), 18), col(stryMutAct_9fa48("85") ? "" : (stryCov_9fa48("85"), 'country'), stryMutAct_9fa48("86") ? "" : (stryCov_9fa48("86"), 'Country'), stryMutAct_9fa48("87") ? "" : (stryCov_9fa48("87"), 'string'), 8), col(stryMutAct_9fa48("88") ? "" : (stryCov_9fa48("88"), 'createdAt'), stryMutAct_9fa48("89") ? "" : (stryCov_9fa48("89"), 'Created at (UTC)'), stryMutAct_9fa48("90") ? "" : (stryCov_9fa48("90"), 'timestamp'), 20), col(stryMutAct_9fa48("91") ? "" : (stryCov_9fa48("91"), 'lastLoginAt'), stryMutAct_9fa48("92") ? "" : (stryCov_9fa48("92"), 'Last login (UTC)'), stryMutAct_9fa48("93") ? "" : (stryCov_9fa48("93"), 'timestamp'), 20), col(stryMutAct_9fa48("94") ? "" : (stryCov_9fa48("94"), 'isActive'), stryMutAct_9fa48("95") ? "" : (stryCov_9fa48("95"), 'Active'), stryMutAct_9fa48("96") ? "" : (stryCov_9fa48("96"), 'boolean'), 8), col(stryMutAct_9fa48("97") ? "" : (stryCov_9fa48("97"), 'sessionCount'), stryMutAct_9fa48("98") ? "" : (stryCov_9fa48("98"), 'Sessions (all time)'), stryMutAct_9fa48("99") ? "" : (stryCov_9fa48("99"), 'integer'), 10)])
  }),
  analytics: stryMutAct_9fa48("100") ? {} : (stryCov_9fa48("100"), {
    dataType: stryMutAct_9fa48("101") ? "" : (stryCov_9fa48("101"), 'analytics'),
    title: stryMutAct_9fa48("102") ? "" : (stryCov_9fa48("102"), 'Analytics'),
    columns: stryMutAct_9fa48("103") ? [] : (stryCov_9fa48("103"), [col(stryMutAct_9fa48("104") ? "" : (stryCov_9fa48("104"), 'date'), stryMutAct_9fa48("105") ? "" : (stryCov_9fa48("105"), 'Date'), stryMutAct_9fa48("106") ? "" : (stryCov_9fa48("106"), 'date'), 12), col(stryMutAct_9fa48("107") ? "" : (stryCov_9fa48("107"), 'sessions'), stryMutAct_9fa48("108") ? "" : (stryCov_9fa48("108"), 'Sessions'), stryMutAct_9fa48("109") ? "" : (stryCov_9fa48("109"), 'integer'), 10), col(stryMutAct_9fa48("110") ? "" : (stryCov_9fa48("110"), 'activeUsers'), stryMutAct_9fa48("111") ? "" : (stryCov_9fa48("111"), 'Active users'), stryMutAct_9fa48("112") ? "" : (stryCov_9fa48("112"), 'integer'), 10), col(stryMutAct_9fa48("113") ? "" : (stryCov_9fa48("113"), 'newUsers'), stryMutAct_9fa48("114") ? "" : (stryCov_9fa48("114"), 'New users'), stryMutAct_9fa48("115") ? "" : (stryCov_9fa48("115"), 'integer'), 10), col(stryMutAct_9fa48("116") ? "" : (stryCov_9fa48("116"), 'avgDurationSeconds'), stryMutAct_9fa48("117") ? "" : (stryCov_9fa48("117"), 'Avg duration (s)'), stryMutAct_9fa48("118") ? "" : (stryCov_9fa48("118"), 'number'), 12), col(stryMutAct_9fa48("119") ? "" : (stryCov_9fa48("119"), 'totalDurationSeconds'), stryMutAct_9fa48("120") ? "" : (stryCov_9fa48("120"), 'Total duration (s)'), stryMutAct_9fa48("121") ? "" : (stryCov_9fa48("121"), 'integer'), 14), col(stryMutAct_9fa48("122") ? "" : (stryCov_9fa48("122"), 'pageViews'), stryMutAct_9fa48("123") ? "" : (stryCov_9fa48("123"), 'Page views'), stryMutAct_9fa48("124") ? "" : (stryCov_9fa48("124"), 'integer'), 10), col(stryMutAct_9fa48("125") ? "" : (stryCov_9fa48("125"), 'avgPageViews'), stryMutAct_9fa48("126") ? "" : (stryCov_9fa48("126"), 'Avg page views'), stryMutAct_9fa48("127") ? "" : (stryCov_9fa48("127"), 'number'), 10), col(stryMutAct_9fa48("128") ? "" : (stryCov_9fa48("128"), 'bounceRate'), stryMutAct_9fa48("129") ? "" : (stryCov_9fa48("129"), 'Bounce rate'), stryMutAct_9fa48("130") ? "" : (stryCov_9fa48("130"), 'number'), 10), col(stryMutAct_9fa48("131") ? "" : (stryCov_9fa48("131"), 'desktopSessions'), stryMutAct_9fa48("132") ? "" : (stryCov_9fa48("132"), 'Desktop sessions'), stryMutAct_9fa48("133") ? "" : (stryCov_9fa48("133"), 'integer'), 10), col(stryMutAct_9fa48("134") ? "" : (stryCov_9fa48("134"), 'mobileSessions'), stryMutAct_9fa48("135") ? "" : (stryCov_9fa48("135"), 'Mobile sessions'), stryMutAct_9fa48("136") ? "" : (stryCov_9fa48("136"), 'integer'), 10), col(stryMutAct_9fa48("137") ? "" : (stryCov_9fa48("137"), 'tabletSessions'), stryMutAct_9fa48("138") ? "" : (stryCov_9fa48("138"), 'Tablet sessions'), stryMutAct_9fa48("139") ? "" : (stryCov_9fa48("139"), 'integer'), 10)])
  })
});

/**
 * The columns of an export: the dataset's own, or the requested ordered subset.
 * Unknown names must have been rejected by request validation already.
 */
export function selectColumns(dataset: DatasetDef, names?: readonly string[]): readonly ColumnDef[] {
  if (stryMutAct_9fa48("140")) {
    {}
  } else {
    stryCov_9fa48("140");
    if (stryMutAct_9fa48("143") ? !names && names.length === 0 : stryMutAct_9fa48("142") ? false : stryMutAct_9fa48("141") ? true : (stryCov_9fa48("141", "142", "143"), (stryMutAct_9fa48("144") ? names : (stryCov_9fa48("144"), !names)) || (stryMutAct_9fa48("146") ? names.length !== 0 : stryMutAct_9fa48("145") ? false : (stryCov_9fa48("145", "146"), names.length === 0)))) return dataset.columns;
    return names.map(n => {
      if (stryMutAct_9fa48("147")) {
        {}
      } else {
        stryCov_9fa48("147");
        const c = dataset.columns.find(stryMutAct_9fa48("148") ? () => undefined : (stryCov_9fa48("148"), x => stryMutAct_9fa48("151") ? x.name !== n : stryMutAct_9fa48("150") ? false : stryMutAct_9fa48("149") ? true : (stryCov_9fa48("149", "150", "151"), x.name === n)));
        if (stryMutAct_9fa48("154") ? false : stryMutAct_9fa48("153") ? true : stryMutAct_9fa48("152") ? c : (stryCov_9fa48("152", "153", "154"), !c)) throw new Error(stryMutAct_9fa48("155") ? `` : (stryCov_9fa48("155"), `unknown column ${n} for ${dataset.dataType}`));
        return c;
      }
    });
  }
}