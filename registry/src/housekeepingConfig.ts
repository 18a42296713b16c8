import { Config, readDurationFromConfig } from '@backstage/config';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Default time an unreferenced blob is left alone before the sweep may remove it. */
export const DEFAULT_BLOB_GRACE_PERIOD_MS = HOUR;
/** Default time between two blob sweeps. */
export const DEFAULT_BLOB_SWEEP_FREQUENCY_MS = 30 * MINUTE;
/** Default time audit entries are kept. */
export const DEFAULT_AUDIT_RETENTION_MS = 365 * DAY;
/**
 * The shortest grace period accepted: a publish writes its blobs before its rows commit, and a
 * shorter wait could take a blob from a publish still in progress.
 */
export const MIN_BLOB_GRACE_PERIOD_MS = 5 * MINUTE;

/** How the registry cleans up after itself (`registry.blobSweep.*`, `registry.audit.retention`). */
export interface HousekeepingConfig {
  blobGracePeriodMs: number;
  blobSweepFrequencyMs: number;
  auditRetentionMs: number;
}

/** Milliseconds of a Backstage HumanDuration, with months of 30 and years of 365 days. */
function toMilliseconds(duration: ReturnType<typeof readDurationFromConfig>): number {
  return (
    (duration.years ?? 0) * 365 * DAY +
    (duration.months ?? 0) * 30 * DAY +
    (duration.weeks ?? 0) * 7 * DAY +
    (duration.days ?? 0) * DAY +
    (duration.hours ?? 0) * HOUR +
    (duration.minutes ?? 0) * MINUTE +
    (duration.seconds ?? 0) * 1000 +
    (duration.milliseconds ?? 0)
  );
}

/**
 * A duration key: a Backstage duration (`'1h'`, `'PT30M'`, `{ minutes: 30 }`), or when `numberUnitMs`
 * is given a plain number in that unit.
 */
function readDuration(
  registry: Config | undefined,
  key: string,
  fallback: number,
  options: { minMs: number; numberUnitMs?: number },
): number {
  const raw = registry?.getOptional(key);
  if (raw === undefined || !registry) return fallback;
  let milliseconds: number;
  if (typeof raw === 'number' && options.numberUnitMs) {
    milliseconds = raw * options.numberUnitMs;
  } else {
    try {
      milliseconds = toMilliseconds(readDurationFromConfig(registry, { key }));
    } catch (error) {
      throw new Error(`Invalid config at registry.${key}: ${(error as Error).message}`);
    }
  }
  if (!Number.isFinite(milliseconds) || milliseconds < options.minMs) {
    throw new Error(`Invalid config at registry.${key}: must be at least ${options.minMs / 1000} seconds`);
  }
  return milliseconds;
}

/** Reads the housekeeping keys of `registry.*`; invalid values fail start-up with the key named. */
export function readHousekeepingConfig(registry: Config | undefined): HousekeepingConfig {
  return {
    blobGracePeriodMs: readDuration(registry, 'blobSweep.gracePeriod', DEFAULT_BLOB_GRACE_PERIOD_MS, {
      minMs: MIN_BLOB_GRACE_PERIOD_MS,
    }),
    blobSweepFrequencyMs: readDuration(registry, 'blobSweep.frequency', DEFAULT_BLOB_SWEEP_FREQUENCY_MS, {
      minMs: MINUTE,
    }),
    auditRetentionMs: readDuration(registry, 'audit.retention', DEFAULT_AUDIT_RETENTION_MS, {
      minMs: DAY,
      numberUnitMs: DAY,
    }),
  };
}
