import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { Registry, collectDefaultMetrics } from 'prom-client';

/**
 * Portico's Prometheus metrics: one registry per backend, which Portico's plugins register their
 * metrics in (names `portico_*`). `GET /metrics` serves it together with prom-client's global
 * registry, where Backstage's catalog keeps its own metrics.
 */
export interface MetricsService {
  readonly registry: Registry;
}

/** Creates the metrics service, with Node's process metrics (CPU, memory, event loop). */
export function createMetricsService(): MetricsService {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return { registry };
}

/** The backend's metrics registry (root scoped: one per backend process). */
export const metricsServiceRef = createServiceRef<MetricsService>({
  id: 'portico.metrics',
  scope: 'root',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {},
      factory: () => createMetricsService(),
    }),
});
