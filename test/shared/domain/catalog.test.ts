import { describe, expect, it } from 'vitest';
import { dataTypes, datasets, selectColumns } from '../../../shared/domain/datasets.js';
import { compressions, contentTypeFor, fileNameFor, formatInfo, formats } from '../../../shared/domain/formats.js';

/*
 * The module-level tables, written out literally. Stryker runs with `ignoreStatic` (a mutant in a
 * module initialiser would re-run every test), so these literal expectations are what guards the
 * catalog and the format table: a changed header, width, content type or extension fails here.
 */

const UUID = '00000000-0000-0000-0000-000000000000';

describe('the dataset catalog', () => {
  it('lists exactly the three datasets', () => {
    expect(dataTypes).toEqual(['sessions', 'users', 'analytics']);
    expect(Object.keys(datasets)).toEqual(['sessions', 'users', 'analytics']);
  });

  it('sessions: title and columns (name, header, type, width, example)', () => {
    expect(datasets.sessions.dataType).toBe('sessions');
    expect(datasets.sessions.title).toBe('Sessions');
    expect(datasets.sessions.columns).toEqual([
      { name: 'sessionId', header: 'Session ID', type: 'string', width: 36, example: UUID },
      { name: 'userId', header: 'User ID', type: 'string', width: 36, example: UUID },
      { name: 'userEmail', header: 'User email', type: 'string', width: 28 },
      { name: 'startedAt', header: 'Started at (UTC)', type: 'timestamp', width: 20 },
      { name: 'endedAt', header: 'Ended at (UTC)', type: 'timestamp', width: 20 },
      { name: 'durationSeconds', header: 'Duration (s)', type: 'integer', width: 10 },
      { name: 'pageViews', header: 'Page views', type: 'integer', width: 8 },
      { name: 'bounced', header: 'Bounced', type: 'boolean', width: 8 },
      { name: 'device', header: 'Device', type: 'string', width: 10 },
      { name: 'browser', header: 'Browser', type: 'string', width: 10 },
      { name: 'country', header: 'Country', type: 'string', width: 8 },
      { name: 'entryPage', header: 'Entry page', type: 'string', width: 30 },
    ]);
  });

  it('users: title and columns', () => {
    expect(datasets.users.dataType).toBe('users');
    expect(datasets.users.title).toBe('Users');
    expect(datasets.users.columns).toEqual([
      { name: 'userId', header: 'User ID', type: 'string', width: 36, example: UUID },
      { name: 'email', header: 'Email', type: 'string', width: 28 },
      { name: 'displayName', header: 'Display name', type: 'string', width: 24 },
      { name: 'role', header: 'Role', type: 'string', width: 10 },
      { name: 'department', header: 'Department', type: 'string', width: 18 },
      { name: 'country', header: 'Country', type: 'string', width: 8 },
      { name: 'createdAt', header: 'Created at (UTC)', type: 'timestamp', width: 20 },
      { name: 'lastLoginAt', header: 'Last login (UTC)', type: 'timestamp', width: 20 },
      { name: 'isActive', header: 'Active', type: 'boolean', width: 8 },
      { name: 'sessionCount', header: 'Sessions (all time)', type: 'integer', width: 10 },
    ]);
  });

  it('analytics: title and columns', () => {
    expect(datasets.analytics.dataType).toBe('analytics');
    expect(datasets.analytics.title).toBe('Analytics');
    expect(datasets.analytics.columns).toEqual([
      { name: 'date', header: 'Date', type: 'date', width: 12 },
      { name: 'sessions', header: 'Sessions', type: 'integer', width: 10 },
      { name: 'activeUsers', header: 'Active users', type: 'integer', width: 10 },
      { name: 'newUsers', header: 'New users', type: 'integer', width: 10 },
      { name: 'avgDurationSeconds', header: 'Avg duration (s)', type: 'number', width: 12 },
      { name: 'totalDurationSeconds', header: 'Total duration (s)', type: 'integer', width: 14 },
      { name: 'pageViews', header: 'Page views', type: 'integer', width: 10 },
      { name: 'avgPageViews', header: 'Avg page views', type: 'number', width: 10 },
      { name: 'bounceRate', header: 'Bounce rate', type: 'number', width: 10 },
      { name: 'desktopSessions', header: 'Desktop sessions', type: 'integer', width: 10 },
      { name: 'mobileSessions', header: 'Mobile sessions', type: 'integer', width: 10 },
      { name: 'tabletSessions', header: 'Tablet sessions', type: 'integer', width: 10 },
    ]);
  });

  it('a column without an example has no `example` key at all', () => {
    expect('example' in datasets.users.columns[1]!).toBe(false);
    expect(Object.keys(datasets.users.columns[0]!)).toEqual(['name', 'header', 'type', 'width', 'example']);
  });
});

describe('selectColumns', () => {
  it('without names, or with an empty list, gives the dataset’s own columns (the same array)', () => {
    expect(selectColumns(datasets.users)).toBe(datasets.users.columns);
    expect(selectColumns(datasets.users, [])).toBe(datasets.users.columns);
  });

  it('gives the requested subset in the requested order', () => {
    expect(selectColumns(datasets.users, ['role', 'email']).map((c) => c.header)).toEqual(['Role', 'Email']);
    expect(selectColumns(datasets.analytics, ['bounceRate']).map((c) => c.name)).toEqual(['bounceRate']);
  });

  it('refuses an unknown column, naming it and the dataset', () => {
    expect(() => selectColumns(datasets.users, ['email', 'password'])).toThrow('unknown column password for users');
  });
});

describe('the format table', () => {
  it('lists the formats and compressions', () => {
    expect(formats).toEqual(['csv', 'json', 'ndjson', 'excel', 'pdf']);
    expect(compressions).toEqual(['none', 'gzip']);
  });

  it('gives each format its content type, extension and whether gzip may be requested', () => {
    expect(formatInfo).toEqual({
      csv: { contentType: 'text/csv; charset=utf-8', extension: 'csv', gzippable: true },
      json: { contentType: 'application/json', extension: 'json', gzippable: true },
      ndjson: { contentType: 'application/x-ndjson', extension: 'ndjson', gzippable: true },
      excel: {
        contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        extension: 'xlsx',
        gzippable: false,
      },
      pdf: { contentType: 'application/pdf', extension: 'pdf', gzippable: false },
    });
  });

  it('names a file after what is inside, `.gz` only when gzipped', () => {
    expect(fileNameFor('sessions', 'csv', '2026-01-01', '2026-01-31', 'none')).toBe('sessions_2026-01-01_2026-01-31.csv');
    expect(fileNameFor('sessions', 'csv', '2026-01-01', '2026-01-31', 'gzip')).toBe('sessions_2026-01-01_2026-01-31.csv.gz');
    expect(fileNameFor('users', 'excel', '2026-02-01', '2026-02-28', 'none')).toBe('users_2026-02-01_2026-02-28.xlsx');
    expect(fileNameFor('analytics', 'ndjson', '2025-12-31', '2026-01-01', 'gzip')).toBe(
      'analytics_2025-12-31_2026-01-01.ndjson.gz',
    );
  });

  it('types a gzipped file as gzip, any other by its format', () => {
    expect(contentTypeFor('csv', 'none')).toBe('text/csv; charset=utf-8');
    expect(contentTypeFor('csv', 'gzip')).toBe('application/gzip');
    expect(contentTypeFor('json', 'gzip')).toBe('application/gzip');
    expect(contentTypeFor('pdf', 'none')).toBe('application/pdf');
    expect(contentTypeFor('excel', 'none')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  });
});
