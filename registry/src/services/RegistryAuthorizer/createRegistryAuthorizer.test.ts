import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader, JsonObject } from '@backstage/config';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  registryAuditReadPermission,
  registryRemoteAdministerPermission,
  registryRemoteDeprecatePermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
  registryRemoteRollbackPermission,
  RegistryRemoteQuery,
  RegistryRemoteResource,
  registryShellContractRegisterPermission,
} from '../../permissions';
import { createRegistryAuthorizer } from './createRegistryAuthorizer';
import { readServiceAccounts } from './serviceAccounts';

const PAYMENTS = { name: 'team_payments', owner: 'group:default/payments-team', visibleTo: [] };
const SEARCH = { name: 'team_search', owner: 'group:default/search-team', visibleTo: [] };
const REMOTE_PERMISSIONS = [
  registryRemoteReadPermission,
  registryRemotePublishPermission,
  registryRemotePromotePermission,
  registryRemoteRollbackPermission,
  registryRemoteDeprecatePermission,
  registryRemoteAdministerPermission,
];

/** What Backstage answers for a service token without permission restrictions: allow. */
const allowEverything = mockServices.permissions.mock({
  authorize: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
  authorizeConditional: async requests => requests.map(() => ({ result: AuthorizeResult.ALLOW })),
});

/** Every decision here is a plain allow: no condition is ever applied. */
const noRules: PermissionRuleset<RegistryRemoteResource, RegistryRemoteQuery> = {
  getRuleByName: name => {
    throw new Error(`no rule ${name} in this test`);
  },
};

function authorizerFor(serviceAccounts: JsonObject[]) {
  return createRegistryAuthorizer({
    permissions: allowEverything,
    auth: mockServices.auth(),
    ruleset: noRules,
    serviceAccounts: readServiceAccounts(new ConfigReader({ serviceAccounts })),
  });
}

/** The remote permissions a service may use on `remote`, by name. */
async function allowed(serviceAccounts: JsonObject[], subject: string, remote = PAYMENTS) {
  const decisions = await authorizerFor(serviceAccounts).decide(mockCredentials.service(subject), REMOTE_PERMISSIONS);
  return REMOTE_PERMISSIONS.filter(permission => decisions.allows(permission, remote)).map(({ name }) => name);
}

describe('createRegistryAuthorizer: service accounts', () => {
  it('lets a team token with no actions listed read and publish its remotes, nothing more', async () => {
    const accounts = [{ subject: 'ci-payments', owns: ['group:default/payments-team'] }];
    expect(await allowed(accounts, 'external:ci-payments')).toEqual([
      'registry.remote.read',
      'registry.remote.publish',
    ]);
    // Another team's remote: read only.
    expect(await allowed(accounts, 'external:ci-payments', SEARCH)).toEqual(['registry.remote.read']);
  });

  it('grants exactly the actions listed', async () => {
    const accounts = [{ subject: 'deploy', owns: ['group:default/payments-team'], actions: ['publish', 'promote'] }];
    expect(await allowed(accounts, 'external:deploy')).toEqual([
      'registry.remote.read',
      'registry.remote.publish',
      'registry.remote.promote',
    ]);
  });

  it("keeps owns: '*' to reading and publishing, and off the registry-wide actions, unless they are listed", async () => {
    const accounts = [{ subject: 'everything', owns: '*' }];
    expect(await allowed(accounts, 'everything', SEARCH)).toEqual(['registry.remote.read', 'registry.remote.publish']);
    const authorizer = authorizerFor(accounts);
    const credentials = mockCredentials.service('everything');
    expect(await authorizer.canBasic(credentials, registryAuditReadPermission)).toBe(false);
    expect(await authorizer.canBasic(credentials, registryShellContractRegisterPermission)).toBe(false);
  });

  it('gives an account listing every action every remote permission and the registry-wide ones', async () => {
    const actions = ['publish', 'promote', 'rollback', 'deprecate', 'administer', 'audit', 'shell-contract'];
    const accounts = [{ subject: 'portico-cli', owns: '*', actions }];
    expect(await allowed(accounts, 'portico-cli', SEARCH)).toEqual(REMOTE_PERMISSIONS.map(({ name }) => name));
    const authorizer = authorizerFor(accounts);
    expect(await authorizer.canBasic(mockCredentials.service('portico-cli'), registryAuditReadPermission)).toBe(true);
    expect(
      await authorizer.canBasic(mockCredentials.service('portico-cli'), registryShellContractRegisterPermission),
    ).toBe(true);
  });

  it('lets an unlisted service read only', async () => {
    expect(await allowed([], 'external:stranger')).toEqual(['registry.remote.read']);
  });

  it('leaves users to the policy', async () => {
    const decisions = await authorizerFor([]).decide(mockCredentials.user('user:default/ada'), REMOTE_PERMISSIONS);
    expect(REMOTE_PERMISSIONS.every(permission => decisions.allows(permission, PAYMENTS))).toBe(true);
  });
});

describe('readServiceAccounts', () => {
  it('defaults actions to read and publish', () => {
    expect(readServiceAccounts(new ConfigReader({ serviceAccounts: [{ subject: 'ci', owns: '*' }] }))).toEqual([
      { subject: 'ci', owns: '*', actions: ['read', 'publish'] },
    ]);
  });

  it('refuses an unknown action at start-up, naming the key', () => {
    const config = new ConfigReader({ serviceAccounts: [{ subject: 'ci', owns: '*', actions: ['publish', 'admin'] }] });
    expect(() => readServiceAccounts(config)).toThrow(
      /^Invalid config at registry\.serviceAccounts\[0\]\.actions: unknown action\(s\) admin;/,
    );
  });
});
