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
import type { ExportJob, JobStatus } from './job.js';

/**
 * A job's file: where it lives and when it must not exist.
 *
 * The file of a job is one blob, `<organizationId>/<jobId>/<fileName>`: the organization first, so a
 * whole tenant's files can be listed or removed by prefix; the job id, so two exports with the same
 * file name never collide; the file name last, so a downloaded SAS URL ends in a readable name.
 */
export const blobNameOf = stryMutAct_9fa48("180") ? () => undefined : (stryCov_9fa48("180"), (() => {
  const blobNameOf = (job: Pick<ExportJob, 'organizationId' | 'id' | 'fileName'>): string => stryMutAct_9fa48("181") ? `` : (stryCov_9fa48("181"), `${job.organizationId}/${job.id}/${job.fileName}`);
  return blobNameOf;
})());

/**
 * Only a Completed job has a file (until it expires). A job that ended Failed or Cancelled keeps
 * none — yet a worker may have committed one just before it died or was fenced out, so whoever moves
 * a job into one of these states deletes the blob. A Pending or Processing job may have a committed
 * blob from a crashed attempt: the next attempt commits the same name again, so it is left alone.
 */
export const keepsNoFile = stryMutAct_9fa48("182") ? () => undefined : (stryCov_9fa48("182"), (() => {
  const keepsNoFile = (status: JobStatus): boolean => stryMutAct_9fa48("185") ? status === 'Failed' && status === 'Cancelled' : stryMutAct_9fa48("184") ? false : stryMutAct_9fa48("183") ? true : (stryCov_9fa48("183", "184", "185"), (stryMutAct_9fa48("187") ? status !== 'Failed' : stryMutAct_9fa48("186") ? false : (stryCov_9fa48("186", "187"), status === (stryMutAct_9fa48("188") ? "" : (stryCov_9fa48("188"), 'Failed')))) || (stryMutAct_9fa48("190") ? status !== 'Cancelled' : stryMutAct_9fa48("189") ? false : (stryCov_9fa48("189", "190"), status === (stryMutAct_9fa48("191") ? "" : (stryCov_9fa48("191"), 'Cancelled')))));
  return keepsNoFile;
})());