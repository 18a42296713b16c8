import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { readAssetConfig } from './assetConfig';
import { readRegistryConfig } from './config';
import { migrateRegistryDatabase } from './database/migrateRegistryDatabase';
import {
  registryAuditReadPermission,
  registryPermissions,
  registryRemoteResourceRef,
  registryRemoteRules,
  registryShellContractRegisterPermission,
} from './permissions';
import {
  AuthorizedAuditLog,
  AuthorizedManifestService,
  AuthorizedReleaseService,
  AuthorizedRemoteCatalog,
  AuthorizedRemotePublisher,
  AuthorizedShellContracts,
  createAuditedAction,
  createAuditRefusals,
  RemoteAccess,
} from './service/authorized';
import { ASSETS_PATH, assetBaseUrlOf } from './service/request/assetPath';
import { createRouter } from './service/router';
import { createAssetSigner } from './services/AssetSigner';
import { createLocalAssetStore } from './services/AssetStore';
import { createAuditLog } from './services/AuditLog';
import { createManifestService } from './services/ManifestService';
import { createRegistryAuthorizer } from './services/RegistryAuthorizer';
import { createReleaseService } from './services/ReleaseService';
import { createRemoteCatalog } from './services/RemoteCatalog';
import { createRemotePublisher } from './services/RemotePublisher';
import { createShellContracts } from './services/ShellContracts';
import { scheduleHousekeeping } from './scheduleHousekeeping';

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
        scheduler: coreServices.scheduler,
      },
      async init({ config, database, discovery, httpAuth, auth, httpRouter, logger, ...deps }) {
        const registryConfig = readRegistryConfig(config);
        const knex = await migrateRegistryDatabase(database);
        const assets = createLocalAssetStore(registryConfig.storageDirectory);
        const assetConfig = readAssetConfig(config.getOptionalConfig('registry'));
        const assetBaseUrl = assetConfig.assetBaseUrl ?? assetBaseUrlOf(await discovery.getExternalBaseUrl('registry'));
        const signer = createAssetSigner({
          database: knex,
          periodSeconds: assetConfig.signaturePeriodSeconds,
          keyRotationPeriods: assetConfig.keyRotationPeriods,
        });
        const auditLog = createAuditLog({ database: knex });
        const shellContracts = createShellContracts({ database: knex });
        const catalog = createRemoteCatalog({ database: knex, assets, assetBaseUrl });
        const publisher = createRemotePublisher({
          database: knex,
          assets,
          assetBaseUrl,
          shellContracts,
          config: registryConfig,
        });

        deps.permissionsRegistry.addResourceType({
          resourceRef: registryRemoteResourceRef,
          permissions: registryPermissions.filter(p => p.type === 'resource'),
          rules: Object.values(registryRemoteRules),
          getResources: names => Promise.all(names.map(name => catalog.getResource(name))),
        });
        deps.permissionsRegistry.addPermissions([registryAuditReadPermission, registryShellContractRegisterPermission]);
        const authorizer = createRegistryAuthorizer({
          permissions: deps.permissions,
          auth,
          ruleset: deps.permissionsRegistry.getPermissionRuleset(registryRemoteResourceRef),
          serviceAccounts: registryConfig.serviceAccounts,
        });
        const access = new RemoteAccess(authorizer, catalog, auth);
        const audited = createAuditedAction({ auditor: deps.auditor, auditLog, auth, logger });

        httpRouter.addAuthPolicy({ path: ASSETS_PATH, allow: 'unauthenticated' });
        httpRouter.use(
          await createRouter({
            catalog: new AuthorizedRemoteCatalog(catalog, access, audited, authorizer, signer, auth),
            publisher: new AuthorizedRemotePublisher(publisher, access, audited),
            releases: new AuthorizedReleaseService(createReleaseService({ database: knex }), access, audited),
            manifests: new AuthorizedManifestService(
              createManifestService({ database: knex, signer, assetBaseUrl }),
              access,
            ),
            shellContracts: new AuthorizedShellContracts(shellContracts, access, audited),
            auditLog: new AuthorizedAuditLog(auditLog, access),
            httpAuth,
            config: registryConfig,
            auditRefusals: createAuditRefusals({ auditor: deps.auditor, auditLog, auth, httpAuth, logger }),
          }),
        );
        await scheduleHousekeeping({
          registry: config.getOptionalConfig('registry'),
          scheduler: deps.scheduler,
          logger,
          database: knex,
          assets,
          auditLog,
        });
        logger.info(`Registry stores remote files in ${registryConfig.storageDirectory}`);
      },
    });
  },
});
