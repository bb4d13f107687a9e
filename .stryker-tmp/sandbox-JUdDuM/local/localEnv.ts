// @ts-nocheck
import { Settings as S } from '../shared/config/settings.js';

/**
 * Development-only defaults for the embedded host and its CLIs. This secret signs local dev tokens
 * and is useless anywhere else: Azure runs with EXPORT_AUTH_MODE=entra and never reads it.
 */
export const LOCAL_DEV_SECRET = 'local-dev-only-secret-do-not-use-in-azure-0001';

/** The environment with embedded defaults filled in where a setting is absent. */
export function localEnv(): Record<string, string | undefined> {
  // eslint-disable-next-line no-restricted-properties -- the local host's entry to settings
  const env = process.env;
  return {
    ...env,
    [S.dbKind]: env[S.dbKind] ?? 'sqlite',
    [S.sqlitePath]: env[S.sqlitePath] ?? '.data/export.db',
    [S.queueKind]: env[S.queueKind] ?? 'memory',
    [S.authMode]: env[S.authMode] ?? 'hs256',
    [S.authHs256Secret]: env[S.authHs256Secret] ?? LOCAL_DEV_SECRET,
    [S.purgeIntervalSeconds]: env[S.purgeIntervalSeconds] ?? '60',
  };
}
