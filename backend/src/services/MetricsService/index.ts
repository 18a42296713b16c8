export { createMetricsService } from './createMetricsService';
export { metricsServiceRef } from './metricsServiceRef';
export type { MetricsService } from './types';
