/*
 * Portico's shared Backstage backend. Backstage does the heavy lifting (catalog, TechDocs, search, auth,
 * permissions, database, config, errors); Portico adds the registry plugin, its permission
 * policy, the seed's /healthcheck probe, Prometheus /metrics and real-user timing of remotes.
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDevSignIn, devSignInUsersPlugin } from './modules/devSignIn';
import { healthcheckPlugin } from './modules/healthcheck';
import { metricsPlugin } from './modules/metrics';
import { rumPlugin } from './modules/rum';
import { catalogModulePorticoPermissionRules, porticoPermissionPolicyModule } from './modules/permissionPolicy';

const backend = createBackend();

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Production sign-in; configured in app-config.production.yaml from AUTH_OIDC_* variables.
backend.add(import('@backstage/plugin-auth-backend-module-oidc-provider'));
backend.add(authModuleDevSignIn);
backend.add(devSignInUsersPlugin);
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(catalogModulePorticoPermissionRules);
backend.add(import('@backstage/plugin-techdocs-backend'));
// Search over the catalog and TechDocs. Results are filtered by catalog-entity:read for the
// asking user; PostgreSQL's engine when the database is PostgreSQL, else Lunr in memory.
backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(porticoPermissionPolicyModule);
backend.add(import('@portico/plugin-registry-backend'));
backend.add(healthcheckPlugin);
backend.add(metricsPlugin);
backend.add(rumPlugin);

backend.start();
