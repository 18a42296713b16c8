import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { type Metric, Registry, register as globalRegistry } from 'prom-client';
import { metricsServiceRef } from '../../services/MetricsService';

/**
 * Both registries as one; a metric family in both (Node's process metrics, should a plugin
 * collect them globally too) is served once, from Portico's registry.
 */
export function mergeRegistries(primary: Registry, secondary: Registry): Registry {
  const merged = new Registry();
  const names = new Set<string>();
  for (const metric of [...primary.getMetricsAsArray(), ...secondary.getMetricsAsArray()]) {
    if (names.has(metric.name)) continue;
    names.add(metric.name);
    // getMetricsAsArray hands out the metric objects themselves, typed more narrowly.
    merged.registerMetric(metric as unknown as Metric);
  }
  return merged;
}

/**
 * Answers `GET /metrics` at the backend's root in Prometheus' text format: Portico's metrics
 * (`portico_*`, Node process metrics) and whatever Backstage plugins put in prom-client's global
 * registry (the catalog's). Only to services: the labels name remotes, restricted ones too, so
 * the scraper presents a Backstage external-access token allowed on the `metrics` plugin
 * (401 without a token, 403 for users and for tokens restricted to other plugins).
 */
export const metricsPlugin = createBackendPlugin({
  pluginId: 'metrics',
  register(env) {
    env.registerInit({
      deps: {
        rootHttpRouter: coreServices.rootHttpRouter,
        httpAuth: coreServices.httpAuth,
        metrics: metricsServiceRef,
      },
      async init({ rootHttpRouter, httpAuth, metrics }) {
        rootHttpRouter.use('/metrics', async (req, res, next) => {
          if ((req.method !== 'GET' && req.method !== 'HEAD') || (req.path !== '/' && req.path !== '')) {
            next();
            return;
          }
          try {
            // The root router has no plugin's auth middleware in front of it: ask here.
            await httpAuth.credentials(req, { allow: ['service'] });
            const merged = mergeRegistries(metrics.registry, globalRegistry);
            res.set('Content-Type', merged.contentType);
            res.set('Cache-Control', 'no-store');
            res.send(await merged.metrics());
          } catch (error) {
            next(error);
          }
        });
      },
    });
  },
});
