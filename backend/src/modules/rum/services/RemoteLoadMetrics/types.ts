/** One remote load as a browser reported it. */
export interface RemoteLoadReport {
  /** Federation container name, such as `team_payments`. */
  remote: string;
  version: string;
  /** From the visit to the remote's page mounted, or to its error card. */
  durationMs: number;
  outcome: 'ok' | 'error';
  /** The shell's error code (`PORTICO_REMOTE_*`) for an `error` outcome. */
  code?: string;
}

/** Load times of one remote version, as the registry console shows them. */
export interface RemoteLoadSummary {
  remote: string;
  version: string;
  /** Loads reported, successful or not. */
  loads: number;
  /** Loads that ended on an error card. */
  errors: number;
  /** Median duration of the successful loads, in whole milliseconds; null before the first one. */
  p50Ms: number | null;
  /** 95th percentile duration of the successful loads, in whole milliseconds; null before the first one. */
  p95Ms: number | null;
}

export interface RemoteLoadMetricsService {
  /**
   * Records reports in the Prometheus metrics. Reports for a new remote version are dropped once
   * `maxSeries` remote versions are tracked, so that clients cannot grow the label space forever.
   */
  record(reports: readonly RemoteLoadReport[]): { accepted: number; dropped: number };
  /** p50 and p95 per remote version, from this process's histogram, sorted by remote then version. */
  summarize(filter?: { remote?: string }): Promise<RemoteLoadSummary[]>;
}
