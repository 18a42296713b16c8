import {
  coreServices,
  createBackendPlugin,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { readRegistryConfig } from './config';
import {
  registryAuditReadPermission,
  registryPermissions,
  registryRemoteResourceRef,
  registryRemoteRules,
  registryShellContractRegisterPermission,
} from './permissions';
import { createRouter } from './router';
import { createLocalAssetStore } from './services/AssetStore';
import { createAssetSigner } from './services/AssetSigner';
import { createRegistryAuthorizer } from './services/RegistryAuthorizer';
import { createRemoteRegistry } from './services/RemoteRegistry';

/**
 * The registry of remotes, served under `/api/registry`: which remotes exist, their immutable
 * versions and files, which version is live or in canary, who may see and change them (through
 * the permission framework), the shell's shared-dependency contract, and the audit trail.
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
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
      },
      async init(deps) {
        const { config, database, discovery, httpAuth, auth, httpRouter, logger } = deps;
        const registryConfig = readRegistryConfig(config);
        const knex = await database.getClient();
        if (!database.migrations?.skip) {
          await knex.migrate.latest({
            directory: resolvePackagePath('@portico/plugin-registry-backend', 'migrations'),
          });
        }
        const signer = createAssetSigner(knex);
        const registry = createRemoteRegistry({
          database: knex,
          signer,
          assets: createLocalAssetStore(registryConfig.storageDirectory),
          config: registryConfig,
          externalBaseUrl: await discovery.getExternalBaseUrl('registry'),
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: registryRemoteResourceRef,
          permissions: registryPermissions.filter(p => p.type === 'resource'),
          rules: Object.values(registryRemoteRules),
          getResources: names => Promise.all(names.map(name => registry.getResource(name))),
        });
        deps.permissionsRegistry.addPermissions([registryAuditReadPermission, registryShellContractRegisterPermission]);
        const authorizer = createRegistryAuthorizer({
          permissions: deps.permissions,
          auth,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(registryRemoteResourceRef),
          serviceAccounts: registryConfig.serviceAccounts,
        });

        httpRouter.addAuthPolicy({ path: '/assets', allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({ registry, authorizer, httpAuth, auth, auditor: deps.auditor, signer, config: registryConfig }),
        );
        logger.info(`Registry stores remote files in ${registryConfig.storageDirectory}`);
      },
    });
  },
});
