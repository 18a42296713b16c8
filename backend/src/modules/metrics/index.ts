export { metricsPlugin } from './plugin';
export { metricsServiceRef, createMetricsService } from './metricsService';
export type { MetricsService } from './metricsService';
