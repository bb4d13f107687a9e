import type { Kysely } from 'kysely';
import type { Database } from './schema.js';
import type { SqlFlavor } from './flavor.js';

/** The demo organizations; ids are fixed so docs and tests can name them. */
export const DEMO_ORGS = [
  { id: '3f2504e0-4f89-41d3-9a0c-0305e82c3301', name: 'Acme' },
  { id: '7d444840-9dc0-41d2-b2d0-2d6b6b3f2c01', name: 'Globex' },
] as const;

export interface SeedOptions {
  readonly usersPerOrg: number;
  readonly sessionsPerOrg: number;
  /** PRNG seed: same seed, same data. */
  readonly seed?: number;
}

/** mulberry32: a tiny, fast, seeded random source — same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uuidFrom(rand: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(rand() * 16).toString(16)).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

const pick = <T>(rand: () => number, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;

// Awkward on purpose: delimiters, quotes, newlines, non-ASCII, and spreadsheet formula triggers.
const FIRST = [
  'Åsa',
  'Jürgen',
  'Zoë',
  'Ñandú',
  'François',
  'Björk',
  'Grüß',
  'José',
  'Ana',
  'Li',
  'Ólafur',
  'Çelik',
  'Dmitrij',
  'Mary-Jane',
  "O'Brien",
  'Ελένη',
  '李',
];
const LAST = ['Smith', 'Müller', 'García', 'Dubois', 'Søndergaard', 'Nguyễn', 'Ivanova', 'Kowalski', 'de la Cruz', 'Straße'];
const DEPARTMENTS = [
  'Sales',
  'R&D',
  'Finance, EMEA',
  'Support "Tier 2"',
  'Ops\nNight shift',
  '=HYPERLINK("http://evil.example","x")',
  '+cmd',
  '-minus team',
  '@mention',
  'Ünïcödé',
];
const PAGES = [
  '/dashboard',
  '/reports?q=a,b',
  '/search?q="quoted"',
  '/héllo/wörld',
  '=1+1',
  '+SUM(A1)',
  '-2+3',
  '@SUM(1)',
  '/line\nbreak',
  '/plain',
];
const DEVICES = ['desktop', 'mobile', 'tablet'] as const;
const BROWSERS = ['Chrome', 'Firefox', 'Safari', 'Edge'];
const COUNTRIES = ['US', 'DE', 'FR', 'ES', 'NO', 'JP', 'BR', null];
const ROLES = ['Admin', 'Manager', 'Member', 'Member', 'Member'];

const RANGE_START = Date.parse('2026-01-01T00:00:00.000Z');
const RANGE_MS = Date.parse('2026-07-01T00:00:00.000Z') - RANGE_START;

async function insertChunked<T>(rows: T[], chunk: number, insert: (part: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += chunk) await insert(rows.slice(i, i + chunk));
}

/**
 * Replaces the demo source data (organizations, users, sessions) with a deterministic set spread
 * over 2026-01-01 … 2026-06-30 UTC. Export jobs are left alone.
 */
export async function seedDemoData(
  db: Kysely<Database>,
  flavor: SqlFlavor,
  options: SeedOptions,
  /** Called as sessions are written (a progress bar when seeding millions). */
  onProgress?: (sessionsWritten: number, sessionsTotal: number) => void,
): Promise<void> {
  const rand = mulberry32(options.seed ?? 20260101);
  // SQL Server allows 2,100 parameters per statement; SQLite 32,766.
  const chunk = (columns: number) => Math.floor((flavor.kind === 'mssql' ? 2000 : 30000) / columns);

  await db.transaction().execute(async (tx) => {
    await tx.deleteFrom('sessions').execute();
    await tx.deleteFrom('users').execute();
    await tx.deleteFrom('organizations').execute();
    await tx
      .insertInto('organizations')
      .values(DEMO_ORGS.map((o) => ({ ...o })))
      .execute();

    for (const org of DEMO_ORGS) {
      const users = Array.from({ length: options.usersPerOrg }, (_, i) => {
        const first = pick(rand, FIRST);
        const last = pick(rand, LAST);
        const created = new Date(RANGE_START + Math.floor(rand() * RANGE_MS)).toISOString();
        return {
          id: uuidFrom(rand),
          organization_id: org.id,
          email: `user${i}.${org.name.toLowerCase()}@example.com`,
          display_name: i % 7 === 0 ? `${last}, ${first}` : i % 11 === 0 ? `${first} "${last}"` : `${first} ${last}`,
          role: pick(rand, ROLES),
          department: pick(rand, DEPARTMENTS),
          country: pick(rand, COUNTRIES),
          created_at: created,
          last_login_at: rand() < 0.9 ? new Date(Date.parse(created) + Math.floor(rand() * 86_400_000 * 30)).toISOString() : null,
          is_active: rand() < 0.85 ? 1 : 0,
        };
      });
      await insertChunked(users, chunk(10), (part) => tx.insertInto('users').values(part).execute());

      const sessions = [];
      const total = options.sessionsPerOrg * DEMO_ORGS.length;
      const before = DEMO_ORGS.indexOf(org) * options.sessionsPerOrg;
      for (let i = 0; i < options.sessionsPerOrg; i++) {
        const user = users[Math.floor(rand() * users.length)] as (typeof users)[number];
        const startMs = RANGE_START + Math.floor(rand() * RANGE_MS);
        const duration = Math.floor(rand() * 3600);
        const views = 1 + Math.floor(rand() * 30);
        sessions.push({
          id: uuidFrom(rand),
          organization_id: org.id,
          user_id: user.id,
          started_at: new Date(startMs).toISOString(),
          ended_at: new Date(startMs + duration * 1000).toISOString(),
          duration_seconds: duration,
          page_views: views,
          bounced: views === 1 ? 1 : 0,
          device: pick(rand, DEVICES),
          browser: pick(rand, BROWSERS),
          country: user.country,
          entry_page: pick(rand, PAGES),
        });
        if (sessions.length >= 20_000) {
          await insertChunked(sessions.splice(0), chunk(12), (part) => tx.insertInto('sessions').values(part).execute());
          onProgress?.(before + i + 1, total);
        }
      }
      await insertChunked(sessions, chunk(12), (part) => tx.insertInto('sessions').values(part).execute());
    }
  });
}

export async function isSeeded(db: Kysely<Database>): Promise<boolean> {
  const row = await db.selectFrom('organizations').select('id').executeTakeFirst();
  return row !== undefined;
}
