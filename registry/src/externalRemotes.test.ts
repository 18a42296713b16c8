import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { createTestDatabases } from './__testUtils__/databases';
import { remoteFixture } from './__testUtils__/remoteFixture';
import { startRegistry, StartRegistryOptions } from './__testUtils__/startRegistry';

const databases = createTestDatabases();
const USER = mockCredentials.user.header('user:default/ada');
const SERVICE = mockCredentials.service.header();

const sri = (content: string) => `sha384-${createHash('sha384').update(content).digest('base64')}`;

/**
 * The files a team hosts for a remote built like `@portico/contract/webpack` builds them: the
 * manifest lists the exposed module's and the shared fallbacks' chunks, and the entry's runtime
 * carries webpack-subresource-integrity's `sriHashes` map for them.
 */
function hostedRemote(options: { sriHashes?: boolean; extraChunks?: number } = {}): Map<string, string> {
  const chunks: Record<string, string> = {
    '41': 'console.log("plugin");',
    '326': 'console.log("react fallback");',
    '77': '.plugin { color: teal }',
  };
  const files = new Map<string, string>();
  const fixture = remoteFixture({ name: 'team_search', route: '/search' });
  const manifest = JSON.parse(String(fixture.find(file => file.path === 'mf-manifest.json')!.content));
  manifest.exposes[0].assets = {
    js: { sync: ['__federation_expose_plugin.41.js'], async: ['static/js/async.41.js'] },
    css: { sync: ['77.css'], async: [] },
  };
  manifest.shared[0].assets = { js: { sync: ['326.js'], async: [] }, css: { sync: [], async: [] } };
  for (let extra = 0; extra < (options.extraChunks ?? 0); extra++) {
    manifest.exposes[0].assets.js.async.push(`extra.${extra}.js`);
  }
  files.set('/search/mf-manifest.json', JSON.stringify(manifest));
  files.set('/search/__federation_expose_plugin.41.js', chunks['41']);
  files.set('/search/static/js/async.41.js', chunks['41']);
  files.set('/search/326.js', chunks['326']);
  files.set('/search/77.css', chunks['77']);
  const map = Object.entries(chunks).map(([id, content]) => `${id}:"${sri(content)}"`);
  const runtime = options.sriHashes === false ? '' : `o.sriHashes={${map.join(',')},194:null};`;
  files.set('/search/remoteEntry.js', `var team_search=(()=>{var o={};${runtime}return o})();`);
  return files;
}

describe.each(databases.eachSupportedId())('a remote registered by URL, on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;
  let host: Server;
  let hostUrl: string;
  let hosted: Map<string, string>;
  const requested: string[] = [];

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-registry-'));
    hosted = hostedRemote();
    requested.length = 0;
    host = createServer((req, res) => {
      requested.push(req.url ?? '');
      const body = hosted.get(req.url ?? '');
      res.writeHead(body === undefined ? 404 : 200).end(body ?? 'secret internal page');
    });
    await new Promise<void>(resolve => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await new Promise(resolve => host.close(resolve));
    await rm(storage, { recursive: true, force: true });
  });

  const allowingHost = (extra: Partial<NonNullable<StartRegistryOptions['externalRemotes']>> = {}) =>
    startRegistry({
      knex,
      storage,
      externalRemotes: { allowedOrigins: [hostUrl], allowPrivateAddresses: true, ...extra },
    });

  async function register(server: Server, manifestUrl = `${hostUrl}/search/mf-manifest.json`) {
    return request(server)
      .post('/api/registry/remotes/team_search/versions')
      .set('Authorization', SERVICE)
      .send({ version: '2.0.0', manifestUrl, route: '/search', title: 'Search', owner: 'group:default/search-team' });
  }

  async function expectNothingStored(server: Server) {
    const remotes = await request(server).get('/api/registry/remotes').set('Authorization', USER);
    expect(remotes.body.remotes).toEqual([]);
  }

  it('is registered when the entry pins every file the manifest lists', async () => {
    const server = await allowingHost();
    const response = await register(server);
    expect(response.status).toBe(201);
    expect(response.body.version.integrity).toBe(sri(hosted.get('/search/remoteEntry.js')!));
    expect(requested.sort()).toEqual(
      [
        '/search/326.js',
        '/search/77.css',
        '/search/__federation_expose_plugin.41.js',
        '/search/mf-manifest.json',
        '/search/remoteEntry.js',
        '/search/static/js/async.41.js',
      ].sort(),
    );
  });

  it('is refused with 422 naming the origin until an operator allows it, without a request', async () => {
    const server = await startRegistry({ knex, storage });
    const response = await register(server);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(
      `manifestUrl: ${hostUrl} is not an allowed remote origin; an operator admits it in ` +
        'registry.externalRemotes.allowedOrigins',
    );
    expect(requested).toEqual([]);
    await expectNothingStored(server);
  });

  it('is refused with 422 when its host resolves to a loopback address and private ones are not allowed', async () => {
    const server = await allowingHost({ allowPrivateAddresses: false });
    const response = await register(server);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(
      `manifestUrl: could not fetch ${hostUrl}/search/mf-manifest.json (refused: private address)`,
    );
    expect(requested).toEqual([]);
    await expectNothingStored(server);
  });

  it('is refused with 422 naming the chunk whose bytes differ from the hash the entry pins', async () => {
    hosted.set('/search/326.js', 'console.log("swapped on the host");');
    const server = await allowingHost();
    const response = await register(server);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(
      new RegExp(`^manifestUrl: ${hostUrl}/search/326\\.js is unpinned or does not match`),
    );
    await expectNothingStored(server);
  });

  it('is refused with 422 naming a file when the entry pins no chunks at all', async () => {
    hosted = hostedRemote({ sriHashes: false });
    const server = await allowingHost();
    const response = await register(server);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toMatch(
      new RegExp(
        `^manifestUrl: ${hostUrl}/search/__federation_expose_plugin\\.41\\.js is unpinned: remoteEntry.js embeds`,
      ),
    );
    await expectNothingStored(server);
  });

  it('is refused with 400 naming the URL, not echoing the body, when a listed file is missing', async () => {
    hosted.delete('/search/77.css');
    const server = await allowingHost();
    const response = await register(server);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe(`manifestUrl: could not fetch ${hostUrl}/search/77.css (status 404)`);
    expect(JSON.stringify(response.body)).not.toContain('secret internal page');
    await expectNothingStored(server);
  });

  it('is refused with 422 when a file is over the size limit', async () => {
    hosted.set('/search/326.js', 'x'.repeat(8192));
    const server = await allowingHost({ maxFileBytes: 4096 });
    const response = await register(server);
    expect(response.status).toBe(422);
    expect(response.body.error.message).toBe(`manifestUrl: could not fetch ${hostUrl}/search/326.js (too large)`);
    await expectNothingStored(server);
  });

  it('keeps a registered version when a later registration is refused', async () => {
    const server = await allowingHost();
    expect((await register(server)).status).toBe(201);
    hosted.set('/search/326.js', 'console.log("swapped");');
    const refused = await request(server)
      .post('/api/registry/remotes/team_search/versions')
      .set('Authorization', SERVICE)
      .send({
        version: '2.0.1',
        manifestUrl: `${hostUrl}/search/mf-manifest.json`,
        route: '/search',
        title: 'Search',
        owner: 'group:default/search-team',
      });
    expect(refused.status).toBe(422);
    const remote = await request(server).get('/api/registry/remotes/team_search').set('Authorization', USER);
    expect(remote.body.versions.map((version: { version: string }) => version.version)).toEqual(['2.0.0']);
  });
});
