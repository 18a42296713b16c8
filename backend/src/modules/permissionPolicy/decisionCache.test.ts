import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { PolicyQueryUser } from '@backstage/plugin-permission-node';
import { registryAuditReadPermission } from '@portico/plugin-registry-backend';
import { Registry } from 'prom-client';
import { compilePolicy } from './policy/compilePolicy';
import { DomainResolver } from './policy/domainResolver';
import { createPolicyMetrics } from './policy/policyMetrics';
import { PolicyDenial, PorticoPermissionPolicy } from './PorticoPermissionPolicy';

const linus: PolicyQueryUser = {
  credentials: mockCredentials.user('user:default/linus'),
  info: {
    userEntityRef: 'user:default/linus',
    ownershipEntityRefs: ['user:default/linus', 'group:default/payments-team'],
  },
};

const config = (
  ttlSeconds: number,
  grants: unknown[] = [{ permission: 'catalog-entity:read', when: { domain: 'commerce' } }],
) => ({
  cache: { ttl: { seconds: ttlSeconds } },
  roles: [{ name: 'payments', members: ['group:default/payments-team'], grants }],
});

/** A policy whose clock, domain lookups, metrics and denials the test sees. */
function setUp(ttlSeconds: number) {
  let now = 1_000_000;
  const lookups: string[] = [];
  const domains: DomainResolver = {
    systemsOf: async domain => {
      lookups.push(domain);
      return ['system:default/payments'];
    },
  };
  const registry = new Registry();
  const denials: PolicyDenial[] = [];
  const policy = new PorticoPermissionPolicy(compilePolicy(config(ttlSeconds)), {
    domains,
    metrics: createPolicyMetrics(registry),
    onDenial: denial => denials.push(denial),
    now: () => now,
  });
  const metric = async (name: string) =>
    (await registry.getSingleMetric(name)!.get()).values as Array<{
      metricName?: string;
      labels: Record<string, string | number>;
      value: number;
    }>;
  return { policy, lookups, denials, metric, advance: (ms: number) => (now += ms) };
}

describe('the decision cache', () => {
  it('reuses a decision for the TTL, then decides again', async () => {
    const { policy, lookups, advance } = setUp(10);
    const first = await policy.handle({ permission: catalogEntityReadPermission }, linus);
    expect(await policy.handle({ permission: catalogEntityReadPermission }, linus)).toBe(first);
    expect(lookups).toHaveLength(1);
    advance(10_001);
    expect(await policy.handle({ permission: catalogEntityReadPermission }, linus)).toEqual(first);
    expect(lookups).toHaveLength(2);
  });

  it('keys decisions by user, memberships and permission', async () => {
    const { policy } = setUp(10);
    await policy.handle({ permission: catalogEntityReadPermission }, linus);
    const elsewhere = {
      ...linus,
      info: { ...linus.info, ownershipEntityRefs: ['user:default/linus', 'group:default/search-team'] },
    };
    expect((await policy.handle({ permission: catalogEntityReadPermission }, elsewhere)).result).toBe(
      AuthorizeResult.DENY,
    );
    expect((await policy.handle({ permission: registryAuditReadPermission }, linus)).result).toBe(AuthorizeResult.DENY);
  });

  it('is emptied by a policy change, which applies to the very next decision', async () => {
    const { policy } = setUp(60);
    expect((await policy.handle({ permission: catalogEntityReadPermission }, linus)).result).toBe(
      AuthorizeResult.CONDITIONAL,
    );
    policy.update(compilePolicy(config(60, ['catalog-entity:read'])));
    expect(policy.generation).toBe(2);
    expect((await policy.handle({ permission: catalogEntityReadPermission }, linus)).result).toBe(
      AuthorizeResult.ALLOW,
    );
  });

  it('is off with a zero TTL', async () => {
    const { policy, lookups, metric } = setUp(0);
    await policy.handle({ permission: catalogEntityReadPermission }, linus);
    await policy.handle({ permission: catalogEntityReadPermission }, linus);
    expect(lookups).toHaveLength(2);
    expect(await metric('permission_policy_eval_ms')).toContainEqual(
      expect.objectContaining({ metricName: 'permission_policy_eval_ms_count', labels: { cache: 'off' }, value: 2 }),
    );
  });
});

describe('policy metrics and denials', () => {
  it('times every decision by cache outcome and counts decisions by result', async () => {
    const { policy, metric } = setUp(10);
    await policy.handle({ permission: catalogEntityReadPermission }, linus);
    await policy.handle({ permission: catalogEntityReadPermission }, linus);
    await policy.handle({ permission: registryAuditReadPermission }, linus);
    const counts = (await metric('permission_policy_eval_ms')).filter(
      value => value.metricName === 'permission_policy_eval_ms_count',
    );
    expect(counts.map(value => [value.labels.cache, value.value])).toEqual(
      expect.arrayContaining([
        ['miss', 2],
        ['hit', 1],
      ]),
    );
    expect(
      (await metric('permission_policy_decisions_total')).map(value => [value.labels.result, value.value]),
    ).toEqual(
      expect.arrayContaining([
        ['conditional', 2],
        ['deny', 1],
      ]),
    );
  });

  it('reports every denial, also those served from the cache', async () => {
    const { policy, denials } = setUp(10);
    await policy.handle({ permission: registryAuditReadPermission }, linus);
    await policy.handle({ permission: registryAuditReadPermission }, linus);
    await policy.handle({ permission: registryAuditReadPermission });
    expect(denials).toEqual([
      { permission: 'registry.audit.read', userEntityRef: 'user:default/linus', cached: false },
      { permission: 'registry.audit.read', userEntityRef: 'user:default/linus', cached: true },
      { permission: 'registry.audit.read', userEntityRef: undefined, cached: false },
    ]);
  });
});
