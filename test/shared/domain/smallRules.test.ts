import { describe, expect, it } from 'vitest';
import { auditActions, exportStartingActions, unknownOrigin } from '../../../shared/domain/audit.js';
import { SUPPORTED_DATES, addDays, addSeconds, dayStart, isSupportedDate, spanDays } from '../../../shared/domain/dates.js';
import { GUID_PATTERN, isGuid, normalizeGuid } from '../../../shared/domain/ids.js';
import { progressOf } from '../../../shared/domain/progress.js';

describe('ids', () => {
  it('recognises GUIDs of any case, nothing else', () => {
    expect(isGuid('3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(true);
    expect(isGuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe(true);
    expect(isGuid('3f2504e0-4f89-11d3-9a0c-0305e82c330')).toBe(false);
    expect(isGuid('x3f2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(false);
    expect(isGuid('3f2504e0-4f89-11d3-9a0c-0305e82c3301x')).toBe(false);
    expect(isGuid('3f2504e0 4f89 11d3 9a0c 0305e82c3301')).toBe(false);
    expect(isGuid('gf2504e0-4f89-11d3-9a0c-0305e82c3301')).toBe(false);
    expect(GUID_PATTERN).toBe('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$');
  });

  it('normalises to lowercase, or nothing', () => {
    expect(normalizeGuid('3F2504E0-4F89-11D3-9A0C-0305E82C3301')).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(normalizeGuid('not-a-guid')).toBeUndefined();
  });
});

describe('dates', () => {
  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2026-03-10', 0)).toBe('2026-03-10');
  });

  it('dayStart, addSeconds', () => {
    expect(dayStart('2026-03-10')).toBe('2026-03-10T00:00:00.000Z');
    expect(addSeconds('2026-03-10T23:59:30.000Z', 45)).toBe('2026-03-11T00:00:15.000Z');
    expect(addSeconds(new Date('2026-03-10T00:00:00.000Z'), -1.5)).toBe('2026-03-09T23:59:58.500Z');
  });

  it('supported dates are 1900-01-01 … 2999-12-31, inclusive', () => {
    expect(SUPPORTED_DATES).toEqual({ min: '1900-01-01', max: '2999-12-31' });
    expect([isSupportedDate('1899-12-31'), isSupportedDate('1900-01-01'), isSupportedDate('2999-12-31')]).toEqual([
      false,
      true,
      true,
    ]);
    expect(isSupportedDate('3000-01-01')).toBe(false);
  });

  it('spanDays counts both ends', () => {
    expect(spanDays('2026-01-01', '2026-01-01')).toBe(1);
    expect(spanDays('2026-01-01', '2026-01-31')).toBe(31);
    expect(spanDays('2024-02-01', '2024-03-01')).toBe(30);
    // across a DST change nowhere matters: the dates are UTC
    expect(spanDays('2026-03-28', '2026-03-30')).toBe(3);
  });
});

describe('audit', () => {
  it('the actions and which of them start an export', () => {
    expect(auditActions).toEqual([
      'create',
      'cancel',
      'retry',
      'download',
      'sas-url',
      'legacy-export',
      'webhook-create',
      'webhook-rotate',
      'webhook-delete',
    ]);
    expect(exportStartingActions).toEqual(['create', 'retry', 'legacy-export']);
    expect(unknownOrigin).toEqual({ requestId: null, clientAddress: null });
  });
});

describe('progressOf', () => {
  const job = {
    status: 'Processing' as const,
    rowsWritten: 250,
    rowsTotal: 1000,
    rowsPerSecond: 100,
    progressAt: '2026-03-01T12:00:00.000Z',
    rowCount: null,
  };

  it('a running job: percent rounded down to a tenth, rate, eta rounded up, no queue position', () => {
    expect(progressOf({ ...job, rowsWritten: 333, rowsPerSecond: 200 }, 4)).toEqual({
      rowsWritten: 333,
      rowsTotal: 1000,
      percent: 33.3,
      rowsPerSecond: 200,
      etaSeconds: 4,
      queuePosition: null,
      updatedAt: '2026-03-01T12:00:00.000Z',
    });
    expect(progressOf({ ...job, rowsWritten: 2, rowsTotal: 3 }).percent).toBe(66.6);
  });

  it('never over 100 %, eta never negative', () => {
    const over = progressOf({ ...job, rowsWritten: 1200 });
    expect([over.percent, over.etaSeconds]).toEqual([100, 0]);
  });

  it('no total: no percent, no eta; zero total: 0 %', () => {
    expect(progressOf({ ...job, rowsTotal: null })).toMatchObject({ percent: null, etaSeconds: null, rowsTotal: null });
    expect(progressOf({ ...job, rowsWritten: 0, rowsTotal: 0 }).percent).toBe(0);
  });

  it('no rate or a zero rate: no eta', () => {
    expect(progressOf({ ...job, rowsPerSecond: null }).etaSeconds).toBeNull();
    expect(progressOf({ ...job, rowsPerSecond: 0 }).etaSeconds).toBeNull();
  });

  it('Pending: the queue position, no rate', () => {
    expect(progressOf({ ...job, status: 'Pending' }, 2)).toMatchObject({
      queuePosition: 2,
      rowsPerSecond: null,
      etaSeconds: null,
    });
    expect(progressOf({ ...job, status: 'Pending' }).queuePosition).toBeNull();
  });

  it('Completed or Expired: 100 % and the final row count', () => {
    expect(progressOf({ ...job, status: 'Completed', rowCount: 990 })).toMatchObject({
      percent: 100,
      rowsWritten: 990,
      rowsPerSecond: null,
    });
    expect(progressOf({ ...job, status: 'Expired', rowCount: 990 })).toMatchObject({ percent: 100, rowsWritten: 990 });
    expect(progressOf({ ...job, status: 'Completed', rowCount: null }).rowsWritten).toBe(250);
    expect(progressOf({ ...job, status: 'Failed', rowCount: 990 })).toMatchObject({ percent: 25, rowsWritten: 250 });
  });
});
