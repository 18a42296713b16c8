import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';

/**
 * Answers `GET /healthcheck`, the probe the deployment runbook curls, from the backend's
 * own readiness: 200 once every plugin has started, 503 before (and while shutting down).
 */
export const healthcheckPlugin = createBackendPlugin({
  pluginId: 'healthcheck',
  register(env) {
    env.registerInit({
      deps: {
        rootHttpRouter: coreServices.rootHttpRouter,
        rootHealth: coreServices.rootHealth,
      },
      async init({ rootHttpRouter, rootHealth }) {
        rootHttpRouter.use('/healthcheck', async (req, res, next) => {
          if (req.method !== 'GET' && req.method !== 'HEAD') {
            next();
            return;
          }
          const { status, payload } = await rootHealth.getReadiness();
          res.status(status).json(payload ?? { status: status === 200 ? 'ok' : 'error' });
        });
      },
    });
  },
});
