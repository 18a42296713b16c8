import type { RemoteLoadReport, RemoteLoadSummary } from '@portico/contract';

export type { RemoteLoadReport, RemoteLoadSummary };

/**
 * Why reports were not recorded: too many remote versions tracked, a remote version that is not
 * live or in canary in the registry, or a registry that could not say which are.
 */
export type DropReason = 'series_limit' | 'not_served' | 'registry_unavailable';

export interface RemoteLoadMetricsService {
  /**
   * Records reports in the Prometheus metrics. Reports for a new remote version are dropped once
   * `maxSeries` remote versions are tracked, so that clients cannot grow the label space forever.
   */
  record(reports: readonly RemoteLoadReport[]): { accepted: number; dropped: number };
  /** Counts reports not recorded for another reason, in `portico_remote_load_reports_dropped_total`. */
  drop(count: number, reason: Exclude<DropReason, 'series_limit'>): void;
  /** p50 and p95 per remote version, from this process's histogram, sorted by remote then version. */
  summarize(filter?: { remote?: string }): Promise<RemoteLoadSummary[]>;
}
