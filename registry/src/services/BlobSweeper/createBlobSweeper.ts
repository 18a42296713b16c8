import { LoggerService, SchedulerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { findReferencedDigests } from '../../database/operations/files/files';
import { AssetStore, StoredBlob } from '../AssetStore';

/** Blobs checked against the database per query. */
const SWEEP_BATCH = 200;

/** What one sweep did. */
export interface BlobSweepResult {
  /** Digests of the blobs removed. */
  removed: string[];
  /** Blobs looked at, removed or not. */
  checked: number;
}

/** Removes stored blobs no version points at any more. */
export interface BlobSweeper {
  /** Runs one sweep now (the scheduled task calls this too). */
  sweep(): Promise<BlobSweepResult>;
}

export interface BlobSweeperOptions {
  database: Knex;
  assets: AssetStore;
  /**
   * How long an unreferenced blob is left alone, in milliseconds. A publish writes its blobs
   * before its rows commit, so a young blob without rows may belong to a publish in progress.
   */
  gracePeriodMs: number;
  logger?: LoggerService;
  now?: () => Date;
}

/**
 * Publishes never delete blobs (another publish of an identical file may rely on one), so the
 * blobs of failed publishes are collected here, after a grace period, by a scheduled sweep.
 */
export function createBlobSweeper(options: BlobSweeperOptions): BlobSweeper {
  const { database: db, assets, gracePeriodMs, logger } = options;
  const now = options.now ?? (() => new Date());

  async function sweepBatch(batch: StoredBlob[], cutoff: Date, removed: string[]) {
    const referenced = await findReferencedDigests(
      db,
      batch.map(blob => blob.digest),
    );
    for (const blob of batch) {
      // The store checks the time again: a publish may have claimed the blob since it was listed.
      if (!referenced.has(blob.digest) && (await assets.remove(blob.digest, { unchangedSince: cutoff }))) {
        removed.push(blob.digest);
      }
    }
  }

  return {
    async sweep() {
      const cutoff = new Date(now().getTime() - gracePeriodMs);
      const removed: string[] = [];
      let checked = 0;
      let batch: StoredBlob[] = [];
      for await (const blob of assets.list()) {
        checked += 1;
        if (blob.modifiedAt.getTime() > cutoff.getTime()) continue;
        batch.push(blob);
        if (batch.length >= SWEEP_BATCH) {
          await sweepBatch(batch, cutoff, removed);
          batch = [];
        }
      }
      await sweepBatch(batch, cutoff, removed);
      if (removed.length > 0) {
        logger?.info(`Registry blob sweep removed ${removed.length} unreferenced blob(s) of ${checked}`);
      }
      return { removed, checked };
    },
  };
}

/** The id of the scheduled blob sweep, for `scheduler.triggerTask`. */
export const BLOB_SWEEP_TASK_ID = 'registry-blob-sweep';

/**
 * Schedules the sweep on every replica with global scope: the scheduler's lock lets one of them
 * run it at a time.
 */
export async function scheduleBlobSweep(options: {
  scheduler: SchedulerService;
  sweeper: BlobSweeper;
  frequencyMs: number;
  logger: LoggerService;
}): Promise<void> {
  const { scheduler, sweeper, frequencyMs, logger } = options;
  await scheduler.scheduleTask({
    id: BLOB_SWEEP_TASK_ID,
    scope: 'global',
    frequency: { milliseconds: frequencyMs },
    timeout: { minutes: 30 },
    // Let the backend settle after a start before walking the storage.
    initialDelay: { minutes: 5 },
    fn: async () => {
      try {
        await sweeper.sweep();
      } catch (error) {
        logger.error(`Registry blob sweep failed: ${(error as Error).message}`);
      }
    },
  });
}
