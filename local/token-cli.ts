import { parseArgs } from 'node:util';
import { signHs256 } from '../shared/adapters/auth/hs256.js';
import { loadAuthConfig } from '../shared/config/config.js';
import { roles } from '../shared/domain/principal.js';
import { localEnv } from './localEnv.js';

/**
 * `npm run -s token -- --org <orgId> --role <Role> [--role …] [--sub <userId>] [--ttl <seconds>]`
 * prints exactly one local development token on stdout and nothing else. A role outside the three
 * the service knows is minted as given (to try what such a caller gets: 403), with a note on stderr.
 */
const USAGE = `usage: npm run -s token -- --org <organization GUID> --role <${roles.join('|')}|other> [--role …] [--sub <userId>] [--ttl <seconds>]

Prints one local development token (HS256, signed with the local secret) on stdout and nothing else:
  TOKEN=$(npm run -s token -- --org 3f2504e0-4f89-41d3-9a0c-0305e82c3301 --role Admin)
Only the local host accepts it; Azure validates Entra ID tokens. A role outside the three is minted as
given (to try what such a caller gets: 403), with a note on stderr. --ttl defaults to 8 hours.`;

function main(): void {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        org: { type: 'string' },
        role: { type: 'string', multiple: true },
        sub: { type: 'string' },
        ttl: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    process.stderr.write(`token: ${e instanceof Error ? e.message : String(e)}\n${USAGE}\n`);
    process.exit(2);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const role = values.role ?? [];
  if (!values.org || role.length === 0) {
    process.stderr.write(`${USAGE}\n`);
    process.exit(2);
  }
  if (values.ttl !== undefined && !/^\d{1,6}$/.test(values.ttl)) {
    process.stderr.write(`token: --ttl must be a number of seconds\n${USAGE}\n`);
    process.exit(2);
  }
  const unknown = role.filter((r) => !(roles as readonly string[]).includes(r));
  if (unknown.length > 0)
    process.stderr.write(`token: ${unknown.join(', ')} is not a role the service knows; it grants nothing\n`);
  const auth = loadAuthConfig(localEnv());
  if (auth.kind !== 'hs256') {
    process.stderr.write('token: EXPORT_AUTH_MODE is not hs256; local tokens would not be accepted\n');
    process.exit(2);
  }
  const token = signHs256(
    { sub: values.sub ?? `user-${role[0]?.toLowerCase() ?? 'x'}`, org: values.org, roles: role },
    { ...auth, now: new Date(), ttlSeconds: values.ttl ? Number(values.ttl) : 8 * 3600 },
  );
  process.stdout.write(`${token}\n`);
}

main();
