export { createRemoteLoadMetrics, REMOTE_LOAD_BUCKETS_MS, DEFAULT_MAX_SERIES } from './createRemoteLoadMetrics';
export { quantileFromBuckets } from './quantile';
export type { DropReason, RemoteLoadMetricsService, RemoteLoadReport, RemoteLoadSummary } from './types';
