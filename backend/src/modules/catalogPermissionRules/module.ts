import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { isPartOf } from './isPartOf';

/** Adds Portico's catalog permission rules to the catalog, which applies them to its queries. */
export const catalogModulePorticoPermissionRules = createBackendModule({
  pluginId: 'catalog',
  moduleId: 'portico-permission-rules',
  register(reg) {
    reg.registerInit({
      deps: { permissionsRegistry: coreServices.permissionsRegistry },
      async init({ permissionsRegistry }) {
        permissionsRegistry.addPermissionRules([isPartOf]);
      },
    });
  },
});
