import { coreServices, createBackendModule } from '@backstage/backend-plugin-api';
import { CompoundEntityRef, DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { readDevSignInEnabled } from '../../config/readDevSignInEnabled';

/** The header the shell names the chosen user in (`ada`, or `user:default/ada`). */
export const DEV_USER_HEADER = 'x-portico-dev-user';
const USER_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/i;

/** The user of the default namespace that `value` names, or undefined when it names none. */
function parseDevUser(value: string | undefined): CompoundEntityRef | undefined {
  if (!value) return undefined;
  let ref: CompoundEntityRef;
  try {
    ref = parseEntityRef(value, { defaultKind: 'user', defaultNamespace: DEFAULT_NAMESPACE });
  } catch {
    return undefined;
  }
  const isDefaultUser = ref.kind.toLocaleLowerCase('en-US') === 'user' && ref.namespace === DEFAULT_NAMESPACE;
  return isDefaultUser && USER_NAME.test(ref.name) ? ref : undefined;
}

/** The ref of the user the header names (`ada` → `user:default/ada`); an InputError otherwise. */
export function toUserEntityRef(value: string | undefined): string {
  const ref = parseDevUser(value);
  if (!ref) {
    throw new InputError(`${DEV_USER_HEADER}: name the catalog user to sign in as, such as "ada"`);
  }
  return stringifyEntityRef(ref);
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
            signInResolver: async ({ result }, ctx) => ctx.signInWithCatalogUser({ entityRef: result.userEntityRef }),
          }),
        });
      },
    });
  },
});
