import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { DEFAULT_NAMESPACE, parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import type { DevSignInUser } from '@portico/contract';
import Router from 'express-promise-router';
import { readDevSignInEnabled } from '../../config/readDevSignInEnabled';

/**
 * `GET /api/dev-sign-in/users`: the catalog's users, for the development sign-in page, read
 * with the plugin's own credentials (the visitor has not signed in yet). 404 when disabled.
 */
export const devSignInUsersPlugin = createBackendPlugin({
  pluginId: 'dev-sign-in',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        catalog: catalogServiceRef,
      },
      async init({ config, auth, httpRouter, catalog }) {
        const enabled = readDevSignInEnabled(config);
        const router = Router();
        router.get('/users', async (_req, res) => {
          if (!enabled) throw new NotFoundError('Development sign-in is disabled');
          const { items } = await catalog.getEntities(
            {
              filter: { kind: 'User' },
              fields: ['kind', 'metadata.namespace', 'metadata.name', 'spec.profile', 'spec.memberOf'],
            },
            { credentials: await auth.getOwnServiceCredentials() },
          );
          const users: DevSignInUser[] = items
            .map(entity => {
              const spec = (entity.spec ?? {}) as {
                profile?: { displayName?: string; email?: string };
                memberOf?: string[];
              };
              // memberOf may leave out the kind and the namespace; they default to the user's.
              const groupContext = {
                defaultKind: 'group',
                defaultNamespace: entity.metadata.namespace ?? DEFAULT_NAMESPACE,
              };
              return {
                name: entity.metadata.name,
                userEntityRef: stringifyEntityRef(entity),
                displayName: spec.profile?.displayName ?? entity.metadata.name,
                ...(spec.profile?.email ? { email: spec.profile.email } : {}),
                groups: (spec.memberOf ?? []).map(group => stringifyEntityRef(parseEntityRef(group, groupContext))),
              };
            })
            .sort((a, b) => a.displayName.localeCompare(b.displayName));
          res.json({ users });
        });
        httpRouter.addAuthPolicy({ path: '/users', allow: 'unauthenticated' });
        httpRouter.use(router);
      },
    });
  },
});
