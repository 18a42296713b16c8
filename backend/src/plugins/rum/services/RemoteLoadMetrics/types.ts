import type { RemoteLoadReport, RemoteLoadSummary } from '@portico/contract';

export type { RemoteLoadReport, RemoteLoadSummary };

export interface RemoteLoadMetricsService {
  /**
   * Records reports in the Prometheus metrics. Reports for a new remote version are dropped once
   * `maxSeries` remote versions are tracked, so that clients cannot grow the label space forever.
   */
  record(reports: readonly RemoteLoadReport[]): { accepted: number; dropped: number };
  /** p50 and p95 per remote version, from this process's histogram, sorted by remote then version. */
  summarize(filter?: { remote?: string }): Promise<RemoteLoadSummary[]>;
}
