// @ts-nocheck
import { describe, expect, it } from 'vitest';
import { parseExportRequest } from '../../../shared/app/exportRequest.js';
import { AppError } from '../../../shared/domain/errors.js';

const valid = { dataType: 'users', format: 'csv', dateRange: { from: '2026-01-01', to: '2026-01-01' } };

const problems = (body: unknown): string[] => {
  try {
    parseExportRequest(body);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    return ((e as AppError).options.details ?? []).map((d) => d.field);
  }
  return [];
};

describe('export request validation', () => {
  it('accepts a one-day range and fills defaults', () => {
    expect(parseExportRequest(valid)).toEqual({
      dataType: 'users',
      format: 'csv',
      dateRange: { from: '2026-01-01', to: '2026-01-01' },
      filters: {},
      compression: 'none',
      csv: { delimiter: ',', includeBom: true },
    });
  });

  it.each([
    ['impossible date', { ...valid, dateRange: { from: '2026-02-29', to: '2026-03-01' } }, ['dateRange.from']],
    ['not a date', { ...valid, dateRange: { from: '01/02/2026', to: '2026-03-01' } }, ['dateRange.from']],
    ['from after to', { ...valid, dateRange: { from: '2026-03-02', to: '2026-03-01' } }, ['dateRange']],
    ['unknown field', { ...valid, priority: 'high' }, ['(body)']],
    ['unknown column', { ...valid, columns: ['email', 'password'] }, ['columns.1']],
    ['repeated column', { ...valid, columns: ['email', 'email'] }, ['columns']],
    ['gzip on excel', { ...valid, format: 'excel', compression: 'gzip' }, ['compression']],
    ['csv options on json', { ...valid, format: 'json', csv: { delimiter: ';' } }, ['csv']],
    ['bad delimiter', { ...valid, csv: { delimiter: '|' } }, ['csv.delimiter']],
  ])('rejects %s', (_name, body, fields) => {
    expect(problems(body)).toEqual(fields);
  });

  it('names the valid columns when one is unknown', () => {
    try {
      parseExportRequest({ ...valid, columns: ['nope'] });
      expect.unreachable();
    } catch (e) {
      expect((e as AppError).options.details?.[0]?.message).toContain('valid: userId, email');
    }
  });

  it('accepts leap days and every option', () => {
    const r = parseExportRequest({
      ...valid,
      format: 'csv',
      dateRange: { from: '2028-02-29', to: '2028-03-01' },
      columns: ['email', 'userId'],
      compression: 'gzip',
      csv: { delimiter: '\t', includeBom: false },
      filters: { userId: 'u1', organizationId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301' },
    });
    expect(r.columns).toEqual(['email', 'userId']);
    expect(r.csv).toEqual({ delimiter: '\t', includeBom: false });
  });
});
