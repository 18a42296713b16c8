import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { Knex } from 'knex';
import { readHousekeepingConfig } from './housekeepingConfig';
import { AssetStore } from './services/AssetStore';
import { AuditLog, createAuditRetention, scheduleAuditRetention } from './services/AuditLog';
import { createBlobSweeper, scheduleBlobSweep } from './services/BlobSweeper';

/**
 * Schedules the registry's cleanup tasks, each with global scope so that one replica runs it at a
 * time: the sweep of blobs no version uses, and the audit trail's retention.
 */
export async function scheduleHousekeeping(options: {
  /** The `registry` config section. */
  registry: Config | undefined;
  scheduler: SchedulerService;
  logger: LoggerService;
  database: Knex;
  assets: AssetStore;
  auditLog: AuditLog;
}): Promise<void> {
  const { scheduler, logger, database, assets, auditLog } = options;
  const config = readHousekeepingConfig(options.registry);
  await scheduleBlobSweep({
    scheduler,
    logger,
    frequencyMs: config.blobSweepFrequencyMs,
    sweeper: createBlobSweeper({ database, assets, gracePeriodMs: config.blobGracePeriodMs, logger }),
  });
  await scheduleAuditRetention({
    scheduler,
    logger,
    retention: createAuditRetention({ auditLog, retentionMs: config.auditRetentionMs }),
  });
}
