import { matchRemoteRoute, matchRoute } from './matchRoute';

const registry = { name: 'platform_registry', route: '/registry' };
const nested = { name: 'team_registry_x', route: '/registry/x' };
const payments = { name: 'team_payments', route: '/payments' };

describe('matchRoute', () => {
  it('sends a path to the remote with the longest route holding it, whatever the manifest order', () => {
    for (const entries of [
      [registry, nested, payments],
      [nested, registry, payments],
    ]) {
      expect(matchRoute('/registry/x', entries)).toBe(nested);
      expect(matchRoute('/registry/x/deeper/page', entries)).toBe(nested);
      expect(matchRoute('/registry', entries)).toBe(registry);
      expect(matchRoute('/registry/y', entries)).toBe(registry);
      expect(matchRoute('/registry/xy', entries)).toBe(registry);
    }
  });

  it('matches whole path segments only', () => {
    expect(matchRoute('/payments-archive', [payments])).toBeUndefined();
    expect(matchRoute('/pay', [payments])).toBeUndefined();
    expect(matchRoute('/payments/', [payments])).toBe(payments);
  });

  it('keeps the first of two entries on the same route', () => {
    const twin = { name: 'team_twin', route: '/payments' };
    expect(matchRoute('/payments/x', [payments, twin])).toBe(payments);
  });

  it('matches nothing on a path no route holds', () => {
    expect(matchRoute('/elsewhere', [registry, nested, payments])).toBeUndefined();
  });
});

describe('matchRemoteRoute', () => {
  it('lets a nested unusable remote keep its paths rather than handing them to the remote above it', () => {
    expect(matchRemoteRoute('/registry/x/page', [registry], [nested])).toEqual({ kind: 'unusable', remote: nested });
    expect(matchRemoteRoute('/registry/y', [registry], [nested])).toEqual({ kind: 'remote', remote: registry });
  });

  it('lets a nested loadable remote win over an unusable one above it', () => {
    expect(matchRemoteRoute('/registry/x', [nested], [registry])).toEqual({ kind: 'remote', remote: nested });
    expect(matchRemoteRoute('/nowhere', [nested], [registry])).toBeUndefined();
  });
});
