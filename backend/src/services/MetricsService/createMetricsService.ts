import { Registry, collectDefaultMetrics } from 'prom-client';
import type { MetricsService } from './types';

/** Creates the metrics service, with Node's process metrics (CPU, memory, event loop). */
export function createMetricsService(): MetricsService {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry };
}
