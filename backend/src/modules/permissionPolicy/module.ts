import { createBackendModule } from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';

/** Installs Portico's policy into Backstage's permission backend. */
export const porticoPermissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'portico-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new PorticoPermissionPolicy());
      },
    });
  },
});
