import { mockCredentials } from '@backstage/backend-test-utils';
import {
  catalogEntityCreatePermission,
  catalogEntityDeletePermission,
  catalogEntityReadPermission,
} from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { registryRemotePublishPermission, registryRemoteReadPermission } from '@portico/plugin-registry-backend';
import { compilePolicy } from './compilePolicy';
import { decide } from './decide';
import { staticDomainResolver } from './domainResolver';

function user(userEntityRef: string, ...groups: string[]): PolicyQueryUser {
  return {
    credentials: mockCredentials.user(userEntityRef),
    info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...groups] },
  };
}
const linus = user('user:default/linus', 'group:default/payments-team');
const domains = staticDomainResolver({
  'domain:default/commerce': ['system:default/payments', 'system:default/billing'],
});

describe('decide', () => {
  it('makes a domain grant cover the domain, its systems and their parts', async () => {
    const policy = compilePolicy({
      roles: [
        {
          name: 'commerce',
          members: ['group:payments-team'],
          grants: [{ permission: 'catalog-entity:read', when: { domain: 'commerce' } }],
        },
      ],
    });
    expect(await decide(policy, catalogEntityReadPermission, linus, domains)).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'catalog',
      resourceType: 'catalog-entity',
      conditions: {
        anyOf: [
          {
            allOf: [
              { rule: 'IS_ENTITY_KIND', resourceType: 'catalog-entity', params: { kinds: ['Domain'] } },
              { rule: 'HAS_METADATA', resourceType: 'catalog-entity', params: { key: 'namespace', value: 'default' } },
              { rule: 'HAS_METADATA', resourceType: 'catalog-entity', params: { key: 'name', value: 'commerce' } },
            ],
          },
          {
            rule: 'PORTICO_IS_PART_OF',
            resourceType: 'catalog-entity',
            params: { refs: ['domain:default/commerce', 'system:default/payments', 'system:default/billing'] },
          },
        ],
      },
    });
  });

  it('ANDs the conditions of one grant and ORs the grants', async () => {
    const policy = compilePolicy({
      roles: [
        {
          name: 'team',
          members: ['group:default/payments-team'],
          grants: [
            { permission: 'component:read', when: { owner: true, namespace: ['default', 'payments'] } },
            { permission: 'catalog.entity.read', when: { kind: 'Group' } },
          ],
        },
      ],
    });
    const decision = await decide(policy, catalogEntityReadPermission, linus, domains);
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        anyOf: [
          {
            allOf: [
              { rule: 'IS_ENTITY_OWNER', params: { claims: ['user:default/linus', 'group:default/payments-team'] } },
              { rule: 'IS_ENTITY_KIND', params: { kinds: ['Component'] } },
              {
                anyOf: [
                  { rule: 'HAS_METADATA', params: { key: 'namespace', value: 'default' } },
                  { rule: 'HAS_METADATA', params: { key: 'namespace', value: 'payments' } },
                ],
              },
            ],
          },
          { rule: 'IS_ENTITY_KIND', params: { kinds: ['Group'] } },
        ],
      },
    });
  });

  it('allows outright when any of the user’s grants has no conditions', async () => {
    const policy = compilePolicy({
      roles: [
        { name: 'owners', members: ['*'], grants: [{ permission: 'catalog-entity:read', when: { owner: true } }] },
        { name: 'readers', members: ['user:default/linus'], grants: ['catalog-entity:read'] },
      ],
    });
    expect(await decide(policy, catalogEntityReadPermission, linus, domains)).toEqual({
      result: AuthorizeResult.ALLOW,
    });
    const other = user('user:default/sven', 'group:default/search-team');
    expect((await decide(policy, catalogEntityReadPermission, other, domains)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
  });

  it('matches members whatever the case or the short form of their refs', async () => {
    const policy = compilePolicy({
      roles: [{ name: 'payments', members: ['group:Payments-Team'], grants: ['registry.remote:publish'] }],
    });
    expect((await decide(policy, registryRemotePublishPermission, linus, domains)).result).toBe(AuthorizeResult.ALLOW);
    expect((await decide(policy, registryRemoteReadPermission, linus, domains)).result).toBe(AuthorizeResult.DENY);
  });

  it('gives superusers, groups or single users, every permission Portico knows and nothing else', async () => {
    const policy = compilePolicy({ superusers: ['user:default/linus'] });
    for (const permission of [
      catalogEntityReadPermission,
      catalogEntityCreatePermission,
      catalogEntityDeletePermission,
      registryRemotePublishPermission,
    ]) {
      expect((await decide(policy, permission, linus, domains)).result).toBe(AuthorizeResult.ALLOW);
    }
    const unknown = { ...catalogEntityReadPermission, name: 'kubernetes.proxy' };
    expect((await decide(policy, unknown, linus, domains)).result).toBe(AuthorizeResult.DENY);
    expect((await decide(policy, catalogEntityReadPermission, user('user:default/sven'), domains)).result).toBe(
      AuthorizeResult.DENY,
    );
  });

  it('denies a caller without a user even when everyone is granted', async () => {
    const policy = compilePolicy({ roles: [{ name: 'all', members: ['*'], grants: ['catalog-entity:read'] }] });
    expect((await decide(policy, catalogEntityReadPermission, undefined, domains)).result).toBe(AuthorizeResult.DENY);
    expect((await decide(policy, catalogEntityReadPermission, user('user:default/anyone'), domains)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });
});
