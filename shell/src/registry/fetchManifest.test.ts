import { sanitizeManifest } from './fetchManifest';

const payments = {
  name: 'team_payments',
  version: '1.0.0',
  entry: 'http://localhost:7007/api/registry/assets/team_payments/1.0.0/remoteEntry.js',
  integrity: 'sha384-abc',
  route: '/payments',
  title: 'Payments',
  owner: 'group:default/payments-team',
};

describe('sanitizeManifest', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('keeps well-formed remotes', () => {
    expect(sanitizeManifest({ remotes: [payments] })).toEqual({ remotes: [payments] });
  });

  it('rejects a manifest without a remotes list', () => {
    expect(() => sanitizeManifest({})).toThrow('no "remotes" list');
  });

  it('drops a remote whose entry is not an absolute http(s) URL', () => {
    const remote = { ...payments, entry: '/relative/remoteEntry.js' };
    expect(sanitizeManifest({ remotes: [remote] }).remotes).toEqual([]);
  });

  it('drops a remote whose name is not an identifier', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, name: 'team-payments' }] }).remotes).toEqual([]);
  });

  it('keeps the first of two remotes claiming the same route', () => {
    const other = { ...payments, name: 'team_other' };
    expect(sanitizeManifest({ remotes: [payments, other] }).remotes).toEqual([payments]);
  });

  it('drops an integrity that is not an SRI string', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, integrity: 'md5-x' }] }).remotes).toEqual([]);
  });
});
