import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { AuditLog } from './types';

/** The id of the scheduled audit retention, for `scheduler.triggerTask`. */
export const AUDIT_RETENTION_TASK_ID = 'registry-audit-retention';

/** Keeps the audit trail to its retention period. */
export interface AuditRetention {
  /** Deletes the entries older than the retention period now; resolves how many went. */
  prune(): Promise<number>;
}

export function createAuditRetention(options: {
  auditLog: AuditLog;
  /** How long entries are kept, in milliseconds. */
  retentionMs: number;
  now?: () => Date;
}): AuditRetention {
  const { auditLog, retentionMs } = options;
  const now = options.now ?? (() => new Date());
  return {
    prune() {
      return auditLog.removeBefore(new Date(now().getTime() - retentionMs));
    },
  };
}

/**
 * Schedules the retention on every replica with global scope: the scheduler's lock lets one of
 * them run it at a time.
 */
export async function scheduleAuditRetention(options: {
  scheduler: SchedulerService;
  retention: AuditRetention;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, retention, logger } = options;
  await scheduler.scheduleTask({
    id: AUDIT_RETENTION_TASK_ID,
    scope: 'global',
    frequency: { hours: 6 },
    timeout: { minutes: 15 },
    initialDelay: { minutes: 2 },
    fn: async () => {
      try {
        const removed = await retention.prune();
        if (removed > 0) {
          logger.info(`Registry audit retention removed ${removed} entries`);
        }
      } catch (error) {
        logger.error(`Registry audit retention failed: ${(error as Error).message}`);
      }
    },
  });
}
