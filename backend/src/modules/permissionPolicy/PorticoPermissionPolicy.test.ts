import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult, createPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { catalogEntityReadPermission, catalogEntityRefreshPermission } from '@backstage/plugin-catalog-common/alpha';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  registryAuditReadPermission,
  registryPermissions,
  registryRemoteAdministerPermission,
  registryRemotePromotePermission,
  registryRemoteReadPermission,
  registryShellContractRegisterPermission,
} from '@portico/plugin-registry-backend';
import { staticDomainResolver } from './policy/domainResolver';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
import { appConfigPolicy } from './__testUtils__/appConfigPolicy';

const PLATFORM_ENGINEERS = 'group:default/platform-engineers';

function userIn(...groups: string[]): PolicyQueryUser {
  const userEntityRef = 'user:default/someone';
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}

/** Portico's default policy: app-config.yaml's portico.permissions, not a copy of it. */
const policy = new PorticoPermissionPolicy(appConfigPolicy(), {
  domains: staticDomainResolver({ 'domain:default/developer-platform': ['system:default/portico'] }),
});
const otherPermission = createPermission({ name: 'scaffolder.task.create', attributes: { action: 'create' } });

describe('PorticoPermissionPolicy (the default policy in app-config.yaml)', () => {
  it('allows catalog reads to platform engineers', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission }, userIn(PLATFORM_ENGINEERS));
    expect(decision.result).toBe(AuthorizeResult.ALLOW);
  });

  it('lets other teams read the organisation map, the paved road and what they own, filtered by the catalog', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      userIn('group:default/payments-team'),
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            rule: 'IS_ENTITY_KIND',
            resourceType: 'catalog-entity',
            params: { kinds: ['Domain', 'System', 'API', 'Group', 'User'] },
          },
          {
            anyOf: [
              {
                allOf: [
                  { rule: 'IS_ENTITY_KIND', resourceType: 'catalog-entity', params: { kinds: ['Domain'] } },
                  {
                    rule: 'HAS_METADATA',
                    resourceType: 'catalog-entity',
                    params: { key: 'namespace', value: 'default' },
                  },
                  {
                    rule: 'HAS_METADATA',
                    resourceType: 'catalog-entity',
                    params: { key: 'name', value: 'developer-platform' },
                  },
                ],
              },
              {
                rule: 'PORTICO_IS_PART_OF',
                resourceType: 'catalog-entity',
                params: { refs: ['domain:default/developer-platform', 'system:default/portico'] },
              },
            ],
          },
          {
            rule: 'IS_ENTITY_OWNER',
            resourceType: 'catalog-entity',
            params: { claims: ['user:default/someone', 'group:default/payments-team'] },
          },
        ],
      },
    });
  });

  it('lets teams refresh only what they own', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityRefreshPermission },
      userIn('group:default/search-team'),
    );
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        rule: 'IS_ENTITY_OWNER',
        params: { claims: ['user:default/someone', 'group:default/search-team'] },
      },
    });
  });

  it('denies catalog reads to a user in no team', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission }, userIn());
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('denies a request without a user', async () => {
    const decision = await policy.handle({ permission: catalogEntityReadPermission });
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('denies by default what no rule grants, even to platform engineers', async () => {
    const decision = await policy.handle({ permission: otherPermission }, userIn(PLATFORM_ENGINEERS));
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });

  it('does not mistake a group of the same name in another namespace', async () => {
    const decision = await policy.handle(
      { permission: catalogEntityReadPermission },
      userIn('group:other/platform-engineers'),
    );
    expect(decision.result).toBe(AuthorizeResult.DENY);
  });
});

describe('PorticoPermissionPolicy for the registry', () => {
  const owner = (decision: PolicyDecision) => {
    if (decision.result !== AuthorizeResult.CONDITIONAL)
      throw new Error(`Expected a conditional decision, got ${decision.result}`);
    return decision.conditions;
  };

  it('lets platform engineers administer every remote', async () => {
    for (const permission of registryPermissions) {
      const decision = await policy.handle({ permission }, userIn(PLATFORM_ENGINEERS));
      expect(decision.result).toBe(AuthorizeResult.ALLOW);
    }
  });

  it('lets a team change only the remotes its groups own', async () => {
    const decision = await policy.handle(
      { permission: registryRemotePromotePermission },
      userIn('group:default/payments-team'),
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    expect(owner(decision)).toEqual({
      resourceType: 'registry-remote',
      rule: 'IS_REMOTE_OWNER',
      params: { claims: ['user:default/someone', 'group:default/payments-team'] },
    });
  });

  it('shows a team the remotes visible to it or owned by it', async () => {
    const decision = await policy.handle(
      { permission: registryRemoteReadPermission },
      userIn('group:default/payments-team'),
    );
    expect(decision.result).toBe(AuthorizeResult.CONDITIONAL);
    const conditions = owner(decision);
    if (!('anyOf' in conditions)) throw new Error(`Expected anyOf conditions, got ${JSON.stringify(conditions)}`);
    expect(conditions.anyOf.map(c => ('rule' in c ? c.rule : undefined))).toEqual([
      'IS_REMOTE_OWNER',
      'IS_REMOTE_VISIBLE_TO',
    ]);
  });

  it('keeps the audit trail and shell contract to administrators', async () => {
    for (const permission of [
      registryAuditReadPermission,
      registryShellContractRegisterPermission,
      registryRemoteAdministerPermission,
    ]) {
      const decision = await policy.handle({ permission }, userIn('group:default/payments-team'));
      expect(decision.result).toBe(AuthorizeResult.DENY);
    }
  });
});
