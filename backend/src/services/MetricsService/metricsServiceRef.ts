import { createServiceFactory, createServiceRef } from '@backstage/backend-plugin-api';
import { createMetricsService } from './createMetricsService';
import type { MetricsService } from './types';

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
