/*
 * Portico's shared Backstage backend. Backstage does the heavy lifting (catalog, TechDocs, search, auth,
 * permissions, database, config, errors); Portico adds its plugins (the registry, the /healthcheck
 * probe of the deployment runbook, Prometheus /metrics, real-user timing of remotes, the
 * development sign-in's user list) and modules (the permission policy, the catalog's permission
 * rules, the development sign-in provider).
 */
import { createBackend } from '@backstage/backend-defaults';
import { authModuleDevSignIn } from './modules/authDevSignIn';
import { catalogModulePorticoPermissionRules } from './modules/catalogPermissionRules';
import { porticoPermissionPolicyModule } from './modules/permissionPolicy';
import { devSignInUsersPlugin } from './plugins/devSignIn';
import { healthcheckPlugin } from './plugins/healthcheck';
import { metricsPlugin } from './plugins/metrics';
import { rumPlugin } from './plugins/rum';

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
