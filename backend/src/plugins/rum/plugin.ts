import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '../../services/MetricsService';
import { createRouter } from './router';
import { createRemoteLoadMetrics } from './services/RemoteLoadMetrics';

/**
 * Real-user timing of remote loads (`/api/rum`): the shell reports each load with
 * `navigator.sendBeacon`; the plugin records it in the Prometheus histogram
 * `portico_remote_load_ms` (served at `/metrics`) and answers p50 and p95 per remote version.
 */
export const rumPlugin = createBackendPlugin({
  pluginId: 'rum',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        metrics: metricsServiceRef,
      },
      async init({ httpRouter, auth, httpAuth, metrics }) {
        const remoteLoads = createRemoteLoadMetrics({ registry: metrics.registry });
        httpRouter.use(await createRouter({ metrics: remoteLoads, auth, httpAuth }));
        // Beacons carry the user's token in the body (sendBeacon sets no headers); the route
        // checks it itself.
        httpRouter.addAuthPolicy({ path: '/beacon', allow: 'unauthenticated' });
      },
    });
  },
});
