// @ts-nocheck
import { randomUUID } from 'node:crypto';
import { addDays } from '../../shared/domain/dates.js';

/** Source rows of the DatasetSource contract, in domain terms; targets map them to their storage. */
export interface FixtureUser {
  readonly id: string;
  readonly organizationId: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly department: string | null;
  readonly country: string | null;
  readonly createdAt: string;
  readonly lastLoginAt: string | null;
  readonly isActive: boolean;
}

export interface FixtureSession {
  readonly id: string;
  readonly organizationId: string;
  readonly userId: string;
  readonly startedAt: string;
  readonly endedAt: string | null;
  readonly durationSeconds: number;
  readonly pageViews: number;
  readonly bounced: boolean;
  readonly device: 'desktop' | 'mobile' | 'tablet';
  readonly browser: string;
  readonly country: string | null;
  readonly entryPage: string | null;
}

/** A timestamp several sessions and users share, so order and keyset must fall back to the id. */
export const TIE = '2026-03-10T12:00:00.000Z';
const DEVICES = ['desktop', 'mobile', 'tablet'] as const;

/** Two organizations with awkward data: range boundaries to the millisecond, timestamp ties, other-tenant twins. */
export function buildFixture(orgA: string, orgB: string) {
  const users: FixtureUser[] = [];
  const sessions: FixtureSession[] = [];
  const user = (org: string, n: number, createdAt: string): FixtureUser => {
    const u: FixtureUser = {
      id: randomUUID(),
      organizationId: org,
      email: `person${n}.${org.slice(0, 4)}@example.com`,
      displayName: n % 2 ? `Søndergaard, Åsa ${n}` : `José "${n}" O'Brien`,
      role: n % 3 ? 'Member' : 'Admin',
      department: n % 4 ? 'R&D' : null,
      country: n % 5 ? 'DE' : null,
      createdAt,
      lastLoginAt: n % 2 ? null : '2026-06-30T10:00:00.000Z',
      isActive: n % 3 !== 1,
    };
    users.push(u);
    return u;
  };
  const session = (u: FixtureUser, startedAt: string, n: number): FixtureSession => {
    const s: FixtureSession = {
      id: randomUUID(),
      organizationId: u.organizationId,
      userId: u.id,
      startedAt,
      endedAt: n % 6 ? new Date(Date.parse(startedAt) + n * 1000).toISOString() : null,
      durationSeconds: n * 37,
      pageViews: (n % 4) + 1,
      bounced: n % 4 === 0,
      device: DEVICES[n % 3] as FixtureSession['device'],
      browser: n % 2 ? 'Firefox' : 'Edge',
      country: n % 5 ? 'FR' : null,
      entryPage: n % 7 ? `/reports?q=${n},"x"` : null,
    };
    sessions.push(s);
    return s;
  };

  const a = [
    user(orgA, 0, '2026-01-15T08:00:00.000Z'),
    user(orgA, 1, '2026-02-28T23:59:59.999Z'),
    user(orgA, 2, '2026-03-01T00:00:00.000Z'),
    user(orgA, 3, '2026-03-10T12:00:00.000Z'),
    user(orgA, 4, '2026-03-10T12:00:00.000Z'),
    user(orgA, 5, '2026-03-20T09:30:00.000Z'),
    user(orgA, 6, '2026-03-31T23:59:59.999Z'),
    user(orgA, 7, '2026-04-01T00:00:00.000Z'),
  ] as const;
  const b = [user(orgB, 0, '2026-03-05T00:00:00.000Z'), user(orgB, 1, '2026-03-10T12:00:00.000Z')] as const;

  let n = 1;
  // The range's edges, to the millisecond.
  for (const ts of [
    '2026-02-28T23:59:59.999Z',
    '2026-03-01T00:00:00.000Z',
    '2026-03-31T23:59:59.999Z',
    '2026-04-01T00:00:00.000Z',
  ]) {
    session(a[0], ts, n++);
  }
  // Ties on startedAt, so the order (and the keyset) must fall back to the id.
  for (let i = 0; i < 5; i++) session(a[i % a.length] as FixtureUser, TIE, n++);
  // Spread over the half year (analytics pages) with a few busy days.
  for (let i = 0; i < 40; i++) {
    const day = addDays('2026-01-03', (i * 11) % 178);
    const ts = `${day}T${String((i * 5) % 24).padStart(2, '0')}:${String((i * 13) % 60).padStart(2, '0')}:00.000Z`;
    session(a[i % 6] as FixtureUser, ts, n++);
  }
  // The other tenant, with twins of org A's timestamps.
  for (const ts of [TIE, '2026-03-01T00:00:00.000Z', '2026-03-15T10:00:00.000Z', '2026-05-01T00:00:00.000Z']) {
    session(b[n % 2] as FixtureUser, ts, n++);
  }
  return { users, sessions, a, b };
}

export type Fixture = ReturnType<typeof buildFixture>;
