import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { readRegistryConfig } from './config';
import { createRouter } from './router';
import { createLocalAssetStore } from './services/AssetStore';
import { createRemoteRegistry } from './services/RemoteRegistry';

/**
 * The registry of remotes, served under `/api/registry`: which remotes exist, their immutable
 * versions and files, which version is live, and the per-user manifest the shell boots from.
 */
export const registryPlugin = createBackendPlugin({
  pluginId: 'registry',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        database: coreServices.database,
        discovery: coreServices.discovery,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        logger: coreServices.logger,
      },
      async init({ config, database, discovery, httpAuth, auth, httpRouter, logger }) {
        const registryConfig = readRegistryConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await knex.migrate.latest({
            directory: resolvePackagePath('@portico/plugin-registry-backend', 'migrations'),
          });
        }
        const registry = createRemoteRegistry({
          database: knex,
          assets: createLocalAssetStore(registryConfig.storageDirectory),
          config: registryConfig,
          externalBaseUrl: await discovery.getExternalBaseUrl('registry'),
        });
        httpRouter.addAuthPolicy({ path: '/assets', allow: 'unauthenticated' });
        httpRouter.use(await createRouter({ registry, httpAuth, auth, config: registryConfig }));
        logger.info(`Registry stores remote files in ${registryConfig.storageDirectory}`);
      },
    });
  },
});
