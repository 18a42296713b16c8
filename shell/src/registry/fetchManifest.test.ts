import { sanitizeManifest } from './fetchManifest';

const payments = {
  name: 'team_payments',
  version: '1.0.0',
  entry: 'http://localhost:7007/api/registry/assets/team_payments/1.0.0/remoteEntry.js',
  integrity: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
  route: '/payments',
  title: 'Payments',
  owner: 'group:default/payments-team',
};

describe('sanitizeManifest', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('keeps well-formed remotes', () => {
    expect(sanitizeManifest({ remotes: [payments] })).toEqual({ remotes: [payments], unusable: [] });
  });

  it('rejects a manifest without a remotes list', () => {
    expect(() => sanitizeManifest({})).toThrow('no "remotes" list');
  });

  it('keeps an entry without a usable entry URL as unusable, with its problem', () => {
    const { remotes, unusable } = sanitizeManifest({ remotes: [{ ...payments, entry: '/relative/remoteEntry.js' }] });
    expect(remotes).toEqual([]);
    expect(unusable).toEqual([
      expect.objectContaining({ name: 'team_payments', route: '/payments', title: 'Payments', problem: expect.stringContaining('not an absolute URL') }),
    ]);
    expect(sanitizeManifest({ remotes: [{ ...payments, entry: undefined }] }).unusable[0].problem).toBe('entry is missing');
  });

  it('keeps an entry whose integrity is not an SRI string as unusable', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, integrity: 'md5-x' }] }).unusable[0].problem).toContain('integrity');
  });

  it('drops an entry it cannot name or route to', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, name: 'team-payments' }] })).toEqual({ remotes: [], unusable: [] });
    expect(sanitizeManifest({ remotes: [{ ...payments, route: 'payments' }] })).toEqual({ remotes: [], unusable: [] });
  });

  it('keeps the first of two remotes claiming the same route', () => {
    const other = { ...payments, name: 'team_other' };
    expect(sanitizeManifest({ remotes: [payments, other] }).remotes).toEqual([payments]);
  });
});
