import type { Registry } from 'prom-client';

/**
 * Portico's Prometheus metrics: one registry per backend, which Portico's plugins register their
 * metrics in (names `portico_*`). `GET /metrics` serves it together with prom-client's global
 * registry, where Backstage's catalog keeps its own metrics.
 */
export interface MetricsService {
  readonly registry: Registry;
}
