/** Calendar-date helpers; all dates are UTC `YYYY-MM-DD`. */
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
export function addDays(date: string, days: number): string {
  if (stryMutAct_9fa48("156")) {
    {}
  } else {
    stryCov_9fa48("156");
    const d = new Date(stryMutAct_9fa48("157") ? `` : (stryCov_9fa48("157"), `${date}T00:00:00.000Z`));
    stryMutAct_9fa48("158") ? d.setTime(d.getUTCDate() + days) : (stryCov_9fa48("158"), d.setUTCDate(stryMutAct_9fa48("159") ? d.getUTCDate() - days : (stryCov_9fa48("159"), d.getUTCDate() + days)));
    return stryMutAct_9fa48("160") ? d.toISOString() : (stryCov_9fa48("160"), d.toISOString().slice(0, 10));
  }
}

/** ISO timestamp of a day's first instant, the inclusive lower bound of that day. */
export const dayStart = stryMutAct_9fa48("161") ? () => undefined : (stryCov_9fa48("161"), (() => {
  const dayStart = (date: string): string => stryMutAct_9fa48("162") ? `` : (stryCov_9fa48("162"), `${date}T00:00:00.000Z`);
  return dayStart;
})());
export const addSeconds = stryMutAct_9fa48("163") ? () => undefined : (stryCov_9fa48("163"), (() => {
  const addSeconds = (iso: string | Date, seconds: number): string => new Date(stryMutAct_9fa48("164") ? new Date(iso).getTime() - seconds * 1000 : (stryCov_9fa48("164"), new Date(iso).getTime() + (stryMutAct_9fa48("165") ? seconds / 1000 : (stryCov_9fa48("165"), seconds * 1000)))).toISOString();
  return addSeconds;
})());