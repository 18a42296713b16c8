import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { metricsServiceRef } from '../../services/MetricsService';
import { createRouter } from './router';
import { createBeaconLimiter } from './services/BeaconLimiter';
import { createRegistryRemotes } from './services/RegistryRemotes';
import { createRemoteLoadIntake } from './services/RemoteLoadIntake';
import { createRemoteLoadMetrics } from './services/RemoteLoadMetrics';

/**
 * Real-user timing of remote loads (`/api/rum`): the shell reports each load with
 * `navigator.sendBeacon`; the plugin records it in the Prometheus histogram
 * `portico_remote_load_ms` (served at `/metrics`) and answers p50 and p95 per remote version.
 * It asks the registry over HTTP which versions are served (only those are recorded) and which
 * remotes a caller may see (only those are summarised).
 */
export const rumPlugin = createBackendPlugin({
  pluginId: 'rum',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        httpAuth: coreServices.httpAuth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
        metrics: metricsServiceRef,
      },
      async init({ httpRouter, auth, httpAuth, discovery, logger, metrics }) {
        const intake = createRemoteLoadIntake({
          metrics: createRemoteLoadMetrics({ registry: metrics.registry }),
          registry: createRegistryRemotes({ auth, discovery }),
          limiter: createBeaconLimiter(),
          logger,
        });
        httpRouter.use(await createRouter({ intake, auth, httpAuth }));
        // Beacons carry the user's token in the body (sendBeacon sets no headers); the route
        // checks it itself.
        httpRouter.addAuthPolicy({ path: '/beacon', allow: 'unauthenticated' });
      },
    });
  },
});
