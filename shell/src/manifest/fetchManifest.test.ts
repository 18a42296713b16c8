import { fetchManifest, sanitizeManifest } from './fetchManifest';

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
      expect.objectContaining({
        name: 'team_payments',
        route: '/payments',
        title: 'Payments',
        problem: expect.stringContaining('not an absolute URL'),
      }),
    ]);
    expect(sanitizeManifest({ remotes: [{ ...payments, entry: undefined }] }).unusable[0].problem).toBe(
      'entry is missing',
    );
  });

  it('keeps an entry without integrity as unusable: its code would load unchecked', () => {
    for (const integrity of [undefined, null, '']) {
      const { remotes, unusable } = sanitizeManifest({ remotes: [{ ...payments, integrity }] });
      expect(remotes).toEqual([]);
      expect(unusable).toEqual([
        expect.objectContaining({
          name: 'team_payments',
          route: '/payments',
          problem: 'integrity is missing: the shell runs only code whose hash the registry published',
        }),
      ]);
    }
  });

  it('keeps an entry whose integrity is not an SRI string as unusable', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, integrity: 'md5-x' }] }).unusable[0].problem).toContain(
      'integrity',
    );
  });

  it('drops an entry it cannot name or route to', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, name: 'team-payments' }] })).toEqual({
      remotes: [],
      unusable: [],
    });
    expect(sanitizeManifest({ remotes: [{ ...payments, route: 'payments' }] })).toEqual({ remotes: [], unusable: [] });
  });

  it('keeps the first of two remotes claiming the same route', () => {
    const other = { ...payments, name: 'team_other' };
    expect(sanitizeManifest({ remotes: [payments, other] }).remotes).toEqual([payments]);
  });
});

describe('sanitizeManifest applies the contract rules', () => {
  beforeEach(() => jest.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it('drops a name that is not a lower-case identifier, a reserved route and an overlong one', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, name: 'TeamPayments' }] }).remotes).toEqual([]);
    expect(sanitizeManifest({ remotes: [{ ...payments, route: '/config.json' }] }).remotes).toEqual([]);
    expect(sanitizeManifest({ remotes: [{ ...payments, route: `/${'a'.repeat(200)}` }] }).remotes).toEqual([]);
  });

  it('keeps an entry whose version is not semver, or whose owner is not a group ref, as unusable', () => {
    expect(sanitizeManifest({ remotes: [{ ...payments, version: 'latest' }] }).unusable[0].problem).toBe(
      'version "latest" is not a semver version',
    );
    expect(sanitizeManifest({ remotes: [{ ...payments, owner: 'payments-team' }] }).unusable[0].problem).toBe(
      'owner "payments-team" is not a group entity ref',
    );
  });
});

describe('fetchManifest', () => {
  afterEach(() => jest.restoreAllMocks());

  it('asks the registry with the user token and sorts the answer', async () => {
    const fetchMock = jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response(JSON.stringify({ remotes: [payments] }), { status: 200 }));
    await expect(fetchManifest('http://localhost:7007', 'tok')).resolves.toEqual({ remotes: [payments], unusable: [] });
    expect(fetchMock).toHaveBeenCalledWith('http://localhost:7007/api/registry/manifest', {
      headers: { Authorization: 'Bearer tok', Accept: 'application/json' },
      cache: 'no-store',
    });
  });

  it('says what the registry answered, with the message of its Backstage error body', async () => {
    const body = { error: { name: 'NotAllowedError', message: 'no access' }, response: { statusCode: 403 } };
    jest.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response(JSON.stringify(body), {
        status: 403,
        statusText: 'Forbidden',
        headers: { 'content-type': 'application/json' },
      }),
    );
    await expect(fetchManifest('http://localhost:7007', 'tok')).rejects.toThrow(
      'The registry answered 403 Forbidden: no access',
    );
  });

  it('says only the status line when the answer has no Backstage error body', async () => {
    jest
      .spyOn(globalThis, 'fetch')
      .mockResolvedValue(new Response('<html>', { status: 502, statusText: 'Bad Gateway' }));
    await expect(fetchManifest('http://localhost:7007', 'tok')).rejects.toThrow(
      /^The registry answered 502 Bad Gateway$/,
    );
  });

  it('says the registry could not be reached', async () => {
    jest.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('fetch failed'));
    await expect(fetchManifest('http://localhost:7007', 'tok')).rejects.toThrow(
      'The registry at http://localhost:7007 could not be reached (fetch failed)',
    );
  });
});
