import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { readDevSignInEnabled } from './config';

/** The header the shell names the chosen user in (`ada`, or `user:default/ada`). */
export const DEV_USER_HEADER = 'x-portico-dev-user';
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

export function toUserEntityRef(value: string | undefined): string {
  const name = value?.replace(/^user:default\//, '');
  if (!name || !USER_NAME.test(name)) {
    throw new InputError(`${DEV_USER_HEADER}: name the catalog user to sign in as, such as "ada"`);
  }
  return `user:default/${name}`;
}

const devAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => undefined,
  async authenticate({ req }) {
    return { result: { userEntityRef: toUserEntityRef(req.header(DEV_USER_HEADER)) } };
  },
});

/**
 * Auth provider `development`: `GET /api/auth/development/refresh` with the header
 * `x-portico-dev-user: <name>` signs in as that catalog user, with the group memberships the
 * catalog gives them. Registered only when `portico.devSignIn.enabled` is true outside production.
 */
export const authModuleDevSignIn = createBackendModule({
  pluginId: 'auth',
  moduleId: 'portico-dev-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint, config: coreServices.rootConfig },
      async init({ providers, config }) {
        if (!readDevSignInEnabled(config)) return;
        providers.registerProvider({
          providerId: 'development',
          factory: createProxyAuthProviderFactory({
            authenticator: devAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
