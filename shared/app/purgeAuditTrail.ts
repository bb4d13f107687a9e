import type { Logger } from '../ports/logger.js';
import type { Services } from './services.js';

/** Deletes audit records older than the retention (EXPORT_AUDIT_RETENTION_DAYS), in batches. */
export async function purgeAuditTrail(
  services: Pick<Services, 'audit' | 'clock' | 'policy'>,
  log: Logger,
  batch = 500,
): Promise<number> {
  const before = new Date(services.clock.now().getTime() - services.policy.auditRetentionDays * 86_400_000).toISOString();
  let purged = 0;
  for (;;) {
    const n = await services.audit.purgeBefore(before, batch);
    purged += n;
    if (n < batch) break;
  }
  if (purged > 0) log.info('audit.purged', { count: purged });
  return purged;
}
