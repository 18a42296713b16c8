import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import request from 'supertest';
import { registryPlugin } from '../plugin';
import { packFiles } from '@portico/contract/archive';
import { policyPermissionsFactory } from './policyPermissions';
import { remoteFixture, RemoteFixtureOptions } from './remoteFixture';
import { RegistryTestPolicy } from './testPolicy';

/** The subject of mock service tokens, an admin service account in these tests. */
export const ADMIN_SERVICE_SUBJECT = 'external:test-service';
/** A team CI token's subject, scoped to the payments team's remotes. */
export const PAYMENTS_CI_SUBJECT = 'external:ci-payments';

export const MEMBERSHIPS: Record<string, string[]> = {
  'user:default/ada': ['group:default/platform-engineers'],
  'user:default/linus': ['group:default/payments-team'],
  'user:default/sven': ['group:default/search-team'],
};

/** Authorization header of a mock service token with the given subject. */
export function serviceHeader(subject: string): string {
  return `Bearer mock-service-token:${JSON.stringify({ sub: subject })}`;
}

export interface StartRegistryOptions {
  knex: Knex;
  storage: string;
  policy?: PermissionPolicy;
  maxFileBytes?: number;
}

/** Boots the registry plugin alone, with a real policy deciding through the permission framework. */
export async function startRegistry(options: StartRegistryOptions) {
  const { server } = await startTestBackend({
    features: [
      registryPlugin,
      mockServices.database.factory({ knex: options.knex }),
      policyPermissionsFactory(options.policy ?? new RegistryTestPolicy(), MEMBERSHIPS),
      mockServices.rootConfig.factory({
        data: {
          registry: {
            storage: { directory: options.storage },
            ...(options.maxFileBytes ? { maxFileBytes: options.maxFileBytes } : {}),
            serviceAccounts: [
              { subject: ADMIN_SERVICE_SUBJECT, owns: '*' },
              { subject: 'ci-payments', owns: ['group:default/payments-team'] },
            ],
          },
        },
      }),
    ],
  });
  return server;
}

/** Publishes a fixture remote as an upload with the given credentials. */
export async function publishFixture(
  server: Parameters<typeof request>[0],
  fixture: RemoteFixtureOptions = {},
  authorization = serviceHeader(ADMIN_SERVICE_SUBJECT),
  name = fixture.name ?? 'team_payments',
) {
  return request(server)
    .post(`/api/registry/remotes/${name}/versions`)
    .set('Authorization', authorization)
    .set('Content-Type', 'application/gzip')
    .send(await packFiles(remoteFixture(fixture)));
}
