import { canaryBucket, isInCanary } from './canary';

describe('canary assignment', () => {
  const users = Array.from({ length: 2000 }, (_, i) => `user:default/u${i}`);

  it('is sticky: the same user and remote always land in the same bucket', () => {
    expect(canaryBucket('user:default/ada', 'team_payments')).toBe(canaryBucket('user:default/ada', 'team_payments'));
  });

  it('serves roughly the requested share of users', () => {
    const share = users.filter(user => isInCanary(user, 'team_payments', 25)).length / users.length;
    expect(share).toBeGreaterThan(0.2);
    expect(share).toBeLessThan(0.3);
  });

  it('keeps everyone who was in at a lower percentage when the percentage rises', () => {
    const at10 = users.filter(user => isInCanary(user, 'team_payments', 10));
    expect(at10.every(user => isInCanary(user, 'team_payments', 50))).toBe(true);
  });

  it('assigns buckets independently per remote', () => {
    const a = users.filter(user => isInCanary(user, 'team_payments', 10));
    const b = new Set(users.filter(user => isInCanary(user, 'platform_catalog', 10)));
    const overlap = a.filter(user => b.has(user)).length / a.length;
    expect(overlap).toBeLessThan(0.3);
  });

  it('serves nobody at 0% and everybody at 100%', () => {
    expect(users.some(user => isInCanary(user, 'x_y', 0))).toBe(false);
    expect(users.every(user => isInCanary(user, 'x_y', 100))).toBe(true);
  });
});
