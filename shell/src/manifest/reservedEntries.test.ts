import { sanitizeManifest } from './fetchManifest';

const remote = (name: string, route: string) => ({
  name,
  version: '1.0.0',
  entry: `http://localhost:7007/api/registry/assets/${name}/1.0.0/remoteEntry.js`,
  integrity: 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC',
  route,
  title: 'A remote',
  owner: 'group:default/payments-team',
});

describe('sanitizeManifest refuses what the shell and the browser keep', () => {
  let warn: jest.SpyInstance;
  beforeEach(() => {
    warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it.each(['portico_shell', 'fetch', 'location', 'name'])('drops a remote named %s', name => {
    expect(sanitizeManifest({ remotes: [remote(name, '/somewhere')] })).toEqual({ remotes: [], unusable: [] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`name ${name} is reserved`));
  });

  it.each(['/api', '/api/registry', '/healthcheck', '/metrics/x'])('drops a remote on the reserved route %s', route => {
    expect(sanitizeManifest({ remotes: [remote('team_payments', route)] })).toEqual({ remotes: [], unusable: [] });
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`route ${route} is reserved`));
  });

  it('keeps nested routes of different remotes: the router sends each path to the longer one', () => {
    const outer = remote('platform_registry', '/registry');
    const inner = remote('team_inner', '/registry/inner');
    expect(sanitizeManifest({ remotes: [outer, inner] }).remotes).toEqual([outer, inner]);
  });
});
