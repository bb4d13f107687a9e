/** Export file formats and how their files are named and typed. */
// @ts-nocheck
function stryNS_9fa48() {
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
export const formats = ['csv', 'json', 'ndjson', 'excel', 'pdf'] as const;
export type Format = (typeof formats)[number];
export const compressions = ['none', 'gzip'] as const;
export type Compression = (typeof compressions)[number];
export interface FormatInfo {
  readonly contentType: string;
  readonly extension: string;
  /** Whether gzip compression may be requested (zip-based and PDF files are compressed already). */
  readonly gzippable: boolean;
}
export const formatInfo: Readonly<Record<Format, FormatInfo>> = stryMutAct_9fa48("192") ? {} : (stryCov_9fa48("192"), {
  csv: stryMutAct_9fa48("193") ? {} : (stryCov_9fa48("193"), {
    contentType: stryMutAct_9fa48("194") ? "" : (stryCov_9fa48("194"), 'text/csv; charset=utf-8'),
    extension: stryMutAct_9fa48("195") ? "" : (stryCov_9fa48("195"), 'csv'),
    gzippable: stryMutAct_9fa48("196") ? false : (stryCov_9fa48("196"), true)
  }),
  json: stryMutAct_9fa48("197") ? {} : (stryCov_9fa48("197"), {
    contentType: stryMutAct_9fa48("198") ? "" : (stryCov_9fa48("198"), 'application/json'),
    extension: stryMutAct_9fa48("199") ? "" : (stryCov_9fa48("199"), 'json'),
    gzippable: stryMutAct_9fa48("200") ? false : (stryCov_9fa48("200"), true)
  }),
  ndjson: stryMutAct_9fa48("201") ? {} : (stryCov_9fa48("201"), {
    contentType: stryMutAct_9fa48("202") ? "" : (stryCov_9fa48("202"), 'application/x-ndjson'),
    extension: stryMutAct_9fa48("203") ? "" : (stryCov_9fa48("203"), 'ndjson'),
    gzippable: stryMutAct_9fa48("204") ? false : (stryCov_9fa48("204"), true)
  }),
  excel: stryMutAct_9fa48("205") ? {} : (stryCov_9fa48("205"), {
    contentType: stryMutAct_9fa48("206") ? "" : (stryCov_9fa48("206"), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
    extension: stryMutAct_9fa48("207") ? "" : (stryCov_9fa48("207"), 'xlsx'),
    gzippable: stryMutAct_9fa48("208") ? true : (stryCov_9fa48("208"), false)
  }),
  pdf: stryMutAct_9fa48("209") ? {} : (stryCov_9fa48("209"), {
    contentType: stryMutAct_9fa48("210") ? "" : (stryCov_9fa48("210"), 'application/pdf'),
    extension: stryMutAct_9fa48("211") ? "" : (stryCov_9fa48("211"), 'pdf'),
    gzippable: stryMutAct_9fa48("212") ? true : (stryCov_9fa48("212"), false)
  })
});

/** `sessions_2026-01-01_2026-01-31.csv[.gz]` — says what is inside. */
export function fileNameFor(dataType: string, format: Format, from: string, to: string, compression: Compression): string {
  if (stryMutAct_9fa48("213")) {
    {}
  } else {
    stryCov_9fa48("213");
    const base = stryMutAct_9fa48("214") ? `` : (stryCov_9fa48("214"), `${dataType}_${from}_${to}.${formatInfo[format].extension}`);
    return (stryMutAct_9fa48("217") ? compression !== 'gzip' : stryMutAct_9fa48("216") ? false : stryMutAct_9fa48("215") ? true : (stryCov_9fa48("215", "216", "217"), compression === (stryMutAct_9fa48("218") ? "" : (stryCov_9fa48("218"), 'gzip')))) ? stryMutAct_9fa48("219") ? `` : (stryCov_9fa48("219"), `${base}.gz`) : base;
  }
}
export function contentTypeFor(format: Format, compression: Compression): string {
  if (stryMutAct_9fa48("220")) {
    {}
  } else {
    stryCov_9fa48("220");
    return (stryMutAct_9fa48("223") ? compression !== 'gzip' : stryMutAct_9fa48("222") ? false : stryMutAct_9fa48("221") ? true : (stryCov_9fa48("221", "222", "223"), compression === (stryMutAct_9fa48("224") ? "" : (stryCov_9fa48("224"), 'gzip')))) ? stryMutAct_9fa48("225") ? "" : (stryCov_9fa48("225"), 'application/gzip') : formatInfo[format].contentType;
  }
}