/*
 * Portico's shared Backstage backend. Backstage does the heavy lifting (catalog, TechDocs, auth,
 * permissions, database, config, errors); Portico adds the registry plugin, its permission
 * policy and the seed's /healthcheck probe.
 */
import { createBackend } from '@backstage/backend-defaults';
import { healthcheckPlugin } from './modules/healthcheck';
import { porticoPermissionPolicyModule } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(porticoPermissionPolicyModule);
backend.add(import('@portico/plugin-registry-backend'));
backend.add(healthcheckPlugin);

backend.start();
