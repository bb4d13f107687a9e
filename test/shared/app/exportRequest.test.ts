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

/** The problem a body gets: its code, message and every `{ field, message }`. */
const refusal = (body: unknown) => {
  try {
    parseExportRequest(body);
  } catch (e) {
    if (e instanceof AppError) return { code: e.code, message: e.message, details: e.options.details };
    throw e;
  }
  throw new Error('expected a refusal');
};

const usersColumns = 'userId, email, displayName, role, department, country, createdAt, lastLoginAt, isActive, sessionCount';

describe('export request problems, as the portal shows them', () => {
  it('names each cross-field rule in words', () => {
    expect(refusal({ ...valid, dateRange: { from: '2026-03-02', to: '2026-03-01' } })).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'The export request is invalid.',
      details: [{ field: 'dateRange', message: 'from must not be after to' }],
    });
    expect(refusal({ ...valid, columns: ['email', 'email'] }).details).toEqual([
      { field: 'columns', message: 'columns must not repeat' },
    ]);
    expect(refusal({ ...valid, format: 'excel', compression: 'gzip' }).details).toEqual([
      { field: 'compression', message: 'gzip is not available for excel' },
    ]);
    expect(refusal({ ...valid, format: 'json', csv: { delimiter: ';' } }).details).toEqual([
      { field: 'csv', message: 'csv options apply to format "csv" only' },
    ]);
  });

  it('repeats an unknown column name up to 40 characters, then cuts it with an ellipsis', () => {
    const forty = 'c'.repeat(40);
    expect(refusal({ ...valid, columns: [forty, `${forty}d`] }).details).toEqual([
      { field: 'columns.0', message: `unknown column "${forty}" for users; valid: ${usersColumns}` },
      { field: 'columns.1', message: `unknown column "${forty}…" for users; valid: ${usersColumns}` },
    ]);
  });

  it('cuts a message at 300 characters (zod repeats an unknown key verbatim)', () => {
    // 'Unrecognized key: "' (19) + key + '"' (1): a key of 280 makes exactly 300 characters.
    const at300 = 'k'.repeat(280);
    expect(refusal({ ...valid, [at300]: 1 }).details).toEqual([{ field: '(body)', message: `Unrecognized key: "${at300}"` }]);
    const longer = 'k'.repeat(400);
    expect(refusal({ ...valid, [longer]: 1 }).details).toEqual([
      { field: '(body)', message: `Unrecognized key: "${'k'.repeat(281)}…` },
    ]);
  });

  it('lists at most 20 problems', () => {
    const columns = Array.from({ length: 25 }, (_, i) => `nope${i}`);
    const details = refusal({ ...valid, columns }).details ?? [];
    expect(details.map((d) => d.field)).toEqual(Array.from({ length: 20 }, (_, i) => `columns.${i}`));
  });

  it('takes only a whole YYYY-MM-DD as a date, whatever else Date would parse', () => {
    // '+010000-01' is an extended-year date that round-trips through Date.
    expect(refusal({ ...valid, dateRange: { from: '+010000-01', to: '2026-01-01' } }).details).toEqual([
      { field: 'dateRange.from', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
    // An unsupported date with something around it is not a date at all (no "must be between").
    expect(refusal({ ...valid, dateRange: { from: '0001-01-011', to: 'x0001-01-01' } }).details).toEqual([
      { field: 'dateRange.from', message: 'Too big: expected string to have <=10 characters' },
      { field: 'dateRange.from', message: 'must be a calendar date YYYY-MM-DD' },
      { field: 'dateRange.to', message: 'Too big: expected string to have <=10 characters' },
      { field: 'dateRange.to', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
    expect(refusal({ ...valid, dateRange: { from: '1899-12-31', to: '2026-01-01' } }).details).toEqual([
      { field: 'dateRange.from', message: 'must be between 1900-01-01 and 2999-12-31' },
    ]);
  });

  it('spells an organization id in lower case: one tenant however it is written', () => {
    expect(parseExportRequest({ ...valid, filters: { organizationId: '3F2504E0-4F89-41D3-9A0C-0305E82C3301' } }).filters).toEqual(
      {
        organizationId: '3f2504e0-4f89-41d3-9a0c-0305e82c3301',
      },
    );
  });
});
