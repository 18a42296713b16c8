import { domainsByOwner, groupByDomain, normalizeOwnerRef } from './domainGroups';

const domains = domainsByOwner([
  { metadata: { name: 'commerce', title: 'Commerce' }, spec: { owner: 'payments-team' } },
  {
    metadata: { name: 'developer-platform', title: 'Developer platform' },
    spec: { owner: 'group:default/platform-engineers' },
  },
  { metadata: { name: 'billing', title: 'Billing' }, spec: { owner: 'group:payments-team' } },
]);
const remote = (name: string, owner?: string) => ({ name, title: name, route: `/${name}`, owner });

describe('normalizeOwnerRef', () => {
  it('fills in the kind and namespace', () => {
    expect(normalizeOwnerRef('payments-team')).toBe('group:default/payments-team');
    expect(normalizeOwnerRef('group:payments-team')).toBe('group:default/payments-team');
    expect(normalizeOwnerRef('user:other/Ada')).toBe('user:other/ada');
  });
});

describe('groupByDomain', () => {
  it("groups remotes under their owner's domain, first by title when it owns several, Other last", () => {
    const groups = groupByDomain(
      [
        remote('payments', 'group:default/payments-team'),
        remote('catalog', 'group:default/platform-engineers'),
        remote('x', 'group:default/nobody'),
        remote('y'),
      ],
      domains,
    );
    expect(groups.map(group => [group.title, group.items.map(item => item.name)])).toEqual([
      ['Billing', ['payments']],
      ['Developer platform', ['catalog']],
      ['Other', ['x', 'y']],
    ]);
  });

  it('puts everything under Other when the catalog told nothing', () => {
    expect(groupByDomain([remote('payments', 'group:default/payments-team')], new Map())).toEqual([
      { title: 'Other', items: [remote('payments', 'group:default/payments-team')] },
    ]);
  });
});
