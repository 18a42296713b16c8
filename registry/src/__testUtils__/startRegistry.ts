import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { PermissionPolicy } from '@backstage/plugin-permission-node';
import { Knex } from 'knex';
import request from 'supertest';
import { registryPlugin } from '../plugin';
import { SERVICE_ACCOUNT_ACTIONS } from '../services/RegistryAuthorizer';
import { packFiles } from '@portico/contract/archive';
import { policyPermissionsFactory } from './policyPermissions';
import { remoteFixture, RemoteFixtureOptions } from './remoteFixture';
import { RegistryTestPolicy } from './testPolicy';

/** The subject of mock service tokens, an admin service account in these tests. */
export const ADMIN_SERVICE_SUBJECT = 'external:test-service';
/** Every action a service account may be granted: the admin service account's. */
export const ADMIN_SERVICE_ACTIONS = [...SERVICE_ACCOUNT_ACTIONS];
/** A team CI token's subject, scoped to publishing and promoting the payments team's remotes. */
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
  /** Upload limits (`registry.maxUploadBytes`, `maxFiles`, `maxUnpackedBytes`, `maxConcurrentUploadsPerCaller`). */
  uploadLimits?: Partial<
    Record<'maxUploadBytes' | 'maxFiles' | 'maxUnpackedBytes' | 'maxConcurrentUploadsPerCaller', number>
  >;
  /** `registry.externalRemotes`: the origins (and whether private addresses) a URL registration may fetch. */
  externalRemotes?: { allowedOrigins: string[]; allowPrivateAddresses?: boolean; maxFileBytes?: number };
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
            ...options.uploadLimits,
            ...(options.externalRemotes ? { externalRemotes: options.externalRemotes } : {}),
            serviceAccounts: [
              { subject: ADMIN_SERVICE_SUBJECT, owns: '*', actions: ADMIN_SERVICE_ACTIONS },
              { subject: 'ci-payments', owns: ['group:default/payments-team'], actions: ['publish', 'promote'] },
            ],
          },
        },
      }),
    ],
  });
  return server;
}

/**
 * Publishes a fixture remote as an upload with the given credentials, naming the owner its
 * descriptor names in the `X-Portico-Owner` header, as the CLI does.
 */
export async function publishFixture(
  server: Parameters<typeof request>[0],
  fixture: RemoteFixtureOptions = {},
  authorization = serviceHeader(ADMIN_SERVICE_SUBJECT),
  name = fixture.name ?? 'team_payments',
) {
  const files = remoteFixture(fixture);
  const descriptor = JSON.parse(String(files.find(file => file.path === 'portico-remote.json')!.content));
  return request(server)
    .post(`/api/registry/remotes/${name}/versions`)
    .set('Authorization', authorization)
    .set('Content-Type', 'application/gzip')
    .set('X-Portico-Owner', descriptor.owner)
    .send(await packFiles(files));
}
