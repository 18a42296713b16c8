import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { Knex } from 'knex';
import { packFiles } from '@portico/contract/archive';
import { createTestDatabases } from './__testUtils__/databases';
import { remoteFixture, RemoteFixtureOptions } from './__testUtils__/remoteFixture';
import { publishFixture, startRegistry as startTestRegistry } from './__testUtils__/startRegistry';

const databases = createTestDatabases();
const USER = mockCredentials.user.header('user:default/ada');
const SERVICE = mockCredentials.service.header();

async function listBlobs(storage: string): Promise<string[]> {
  const entries = await readdir(storage, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter(entry => entry.isFile()).map(entry => entry.name);
}

describe.each(databases.eachSupportedId())('registry plugin on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;

  const startRegistry = () => startTestRegistry({ knex, storage, maxFileBytes: 4096 });

  async function publish(server: Server, fixture: RemoteFixtureOptions = {}, name = fixture.name ?? 'team_payments') {
    return publishFixture(server, fixture, SERVICE, name);
  }

  /** Posts a publish body (not necessarily a valid archive) for team_payments, owned by the payments team. */
  async function upload(
    server: Server,
    body: Buffer | string,
    contentType = 'application/gzip',
    authorization = SERVICE,
  ) {
    return request(server)
      .post('/api/registry/remotes/team_payments/versions')
      .set('Authorization', authorization)
      .set('Content-Type', contentType)
      .set('X-Portico-Owner', 'group:default/payments-team')
      .send(body);
  }

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-registry-'));
  });

  afterEach(async () => {
    await rm(storage, { recursive: true, force: true });
  });

  it('publishes an upload, makes it live and serves it in the manifest with integrity', async () => {
    const server = await startRegistry();
    const published = await publish(server);
    expect(published.status).toBe(201);
    expect(published.body.created).toBe(true);

    const live = await request(server)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.0.0' });
    expect(live.status).toBe(200);
    expect(live.body.liveVersion).toBe('1.0.0');

    const manifest = await request(server).get('/api/registry/manifest').set('Authorization', USER);
    expect(manifest.status).toBe(200);
    expect(manifest.body.remotes).toEqual([
      expect.objectContaining({
        name: 'team_payments',
        version: '1.0.0',
        route: '/payments',
        title: 'Payments',
        owner: 'group:default/payments-team',
        entry: expect.stringMatching(/\/api\/registry\/assets\/team_payments\/1\.0\.0\/~s\/[^/]+\/remoteEntry\.js$/),
      }),
    ]);

    const entryPath = new URL(manifest.body.remotes[0].entry).pathname;
    const entry = await request(server).get(entryPath).set('Authorization', mockCredentials.none.header());
    expect(entry.status).toBe(200);
    expect(entry.headers['cache-control']).toContain('immutable');
    expect(entry.headers['access-control-allow-origin']).toBe('*');
    expect(entry.headers['content-type']).toMatch(/javascript/);
    const served = Buffer.from(entry.text);
    const integrity = `sha384-${createHash('sha384').update(served).digest('base64')}`;
    expect(manifest.body.remotes[0].integrity).toBe(integrity);
  });

  it('treats a republish with identical files as a no-op and different files as a conflict', async () => {
    const server = await startRegistry();
    expect((await publish(server)).status).toBe(201);
    const again = await publish(server);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);

    const changed = await publish(server, { body: 'v2' });
    expect(changed.status).toBe(409);
    expect(changed.body.error.message).toMatch(/version: team_payments@1\.0\.0 is already published/);

    const detail = await request(server).get('/api/registry/remotes/team_payments').set('Authorization', USER);
    expect(detail.body.versions).toHaveLength(1);
    const asset = await request(server)
      .get('/api/registry/assets/team_payments/1.0.0/static/js/plugin.abc123.js')
      .set('Authorization', USER);
    expect(asset.text).toContain('"v1"');
  });

  it('keeps every version, and the live pointer moves without touching the files', async () => {
    const server = await startRegistry();
    await publish(server);
    await publish(server, { version: '1.1.0', body: 'v2' });
    await request(server)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.1.0' });
    let manifest = await request(server).get('/api/registry/manifest').set('Authorization', USER);
    expect(manifest.body.remotes[0].version).toBe('1.1.0');

    await request(server)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.0.0' });
    manifest = await request(server).get('/api/registry/manifest').set('Authorization', USER);
    expect(manifest.body.remotes[0].version).toBe('1.0.0');
    const old = await request(server)
      .get('/api/registry/assets/team_payments/1.1.0/static/js/plugin.abc123.js')
      .set('Authorization', USER);
    expect(old.text).toContain('"v2"');
  });

  it('keeps remotes, versions and the live pointer across a restart', async () => {
    const first = await startRegistry();
    await publish(first);
    await request(first)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.0.0' });

    const second = await startRegistry();
    const manifest = await request(second).get('/api/registry/manifest').set('Authorization', USER);
    expect(manifest.body.remotes.map((r: { name: string }) => r.name)).toEqual(['team_payments']);
  });

  it('refuses an upload without mf-manifest.json with 400 naming the file, storing nothing', async () => {
    const server = await startRegistry();
    const files = remoteFixture().filter(file => file.path !== 'mf-manifest.json');
    const response = await upload(server, await packFiles(files));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/mf-manifest\.json: missing/);
    const remotes = await request(server).get('/api/registry/remotes').set('Authorization', USER);
    expect(remotes.body.remotes).toEqual([]);
    expect(await listBlobs(storage)).toEqual([]);
  });

  it('refuses a federation name that differs from the remote name', async () => {
    const server = await startRegistry();
    const response = await publish(server, { federationName: 'someone_else' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(
      /federation name "someone_else" differs from the remote's name "team_payments"/,
    );
    expect(await listBlobs(storage)).toEqual([]);
  });

  it('refuses a descriptor for another remote than the URL names', async () => {
    const server = await startRegistry();
    const response = await publish(server, {}, 'team_search');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/portico-remote\.json: name "team_payments" differs/);
  });

  it('refuses a manifest that does not expose ./plugin', async () => {
    const server = await startRegistry();
    const response = await publish(server, { exposes: ['./widget'] });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/exposes: the remote must expose "\.\/plugin"/);
  });

  it('refuses a version that is not semver, naming the field', async () => {
    const server = await startRegistry();
    const response = await publish(server, { version: 'latest' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/portico-remote\.json\.version: must be a semver version/);
  });

  it('refuses archive entries that climb out with .. or are absolute', async () => {
    const server = await startRegistry();
    for (const path of ['../evil.js', 'static/../../evil.js', '/etc/evil.js']) {
      const files = [...remoteFixture(), { path, content: 'evil' }];
      const response = await upload(server, await packFiles(files));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/^archive: entry/);
    }
    expect(await listBlobs(storage)).toEqual([]);
  });

  it('refuses a file over the configured size limit with 413 naming the limit', async () => {
    const server = await startRegistry();
    const files = [...remoteFixture(), { path: 'big.js', content: 'x'.repeat(5000) }];
    const response = await upload(server, await packFiles(files));
    expect(response.status).toBe(413);
    expect(response.body.error.message).toBe(
      'archive: file "big.js" (5000 bytes) exceeds registry.maxFileBytes (4096 bytes)',
    );
  });

  it('refuses bytes that are not a gzipped tar', async () => {
    const server = await startRegistry();
    const response = await upload(server, Buffer.from('definitely not gzip'));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^archive: not valid gzip/);
  });

  it('refuses an unknown content type with 415 naming content-type', async () => {
    const server = await startRegistry();
    const response = await upload(server, 'hello', 'text/plain');
    expect(response.status).toBe(415);
    expect(response.body.error.message).toMatch(/^content-type: expected application\/gzip/);
  });

  it('refuses a remote name that is not an identifier', async () => {
    const server = await startRegistry();
    const response = await publish(server, {}, 'Team-Payments');
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^name: must be a lower-case identifier/);
  });

  it('answers 401 to a publish and to the manifest without credentials', async () => {
    const server = await startRegistry();
    const archive = await packFiles(remoteFixture());
    const refused = await upload(server, archive, 'application/gzip', mockCredentials.none.header());
    expect(refused.status).toBe(401);
    const manifest = await request(server)
      .get('/api/registry/manifest')
      .set('Authorization', mockCredentials.none.header());
    expect(manifest.status).toBe(401);
    expect(await listBlobs(storage)).toEqual([]);
  });

  it('answers 404 for an unknown remote, version or file', async () => {
    const server = await startRegistry();
    expect((await request(server).get('/api/registry/remotes/nobody').set('Authorization', USER)).status).toBe(404);
    await publish(server);
    const live = await request(server)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '9.9.9' });
    expect(live.status).toBe(404);
    expect(live.body.error.message).toMatch(/^version: team_payments has no version 9\.9\.9/);
    const nope = await request(server)
      .get('/api/registry/assets/team_payments/1.0.0/nope.js')
      .set('Authorization', USER);
    expect(nope.status).toBe(404);
    expect(nope.body.error.message).toBe('No file nope.js in team_payments@1.0.0');
  });

  it('refuses to make a version live on a route another live remote serves', async () => {
    const server = await startRegistry();
    await publish(server);
    await request(server)
      .put('/api/registry/remotes/team_payments/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.0.0' });
    await publish(server, { name: 'team_billing', route: '/payments' });
    const clash = await request(server)
      .put('/api/registry/remotes/team_billing/live')
      .set('Authorization', SERVICE)
      .send({ version: '1.0.0' });
    expect(clash.status).toBe(409);
    expect(clash.body.error.message).toMatch(/^route: \/payments is already served by team_payments/);
  });

  describe('an externally hosted remote', () => {
    let host: Server;
    let hostUrl: string;
    const hosted = new Map<string, string>();

    beforeEach(async () => {
      hosted.clear();
      for (const file of remoteFixture({ name: 'team_search', route: '/search' })) {
        hosted.set(`/search/${file.path}`, String(file.content));
      }
      host = createServer((req, res) => {
        const body = hosted.get(req.url ?? '');
        res.writeHead(body === undefined ? 404 : 200).end(body);
      });
      await new Promise<void>(resolve => host.listen(0, '127.0.0.1', resolve));
      hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
    });

    afterEach(async () => {
      await new Promise(resolve => host.close(resolve));
    });

    const body = (manifestUrl: string) => ({
      version: '2.0.0',
      manifestUrl,
      route: '/search',
      title: 'Search',
      owner: 'group:default/search-team',
    });

    /** A registry that may fetch from the test host, which listens on 127.0.0.1. */
    const startHostingRegistry = () =>
      startTestRegistry({ knex, storage, externalRemotes: { allowedOrigins: [hostUrl], allowPrivateAddresses: true } });

    it('is published by the URL of its mf-manifest.json, with the entry hashed', async () => {
      const server = await startHostingRegistry();
      const response = await request(server)
        .post('/api/registry/remotes/team_search/versions')
        .set('Authorization', SERVICE)
        .send(body(`${hostUrl}/search/mf-manifest.json`));
      expect(response.status).toBe(201);
      expect(response.body.version.entry).toBe(`${hostUrl}/search/remoteEntry.js`);
      const entryBytes = hosted.get('/search/remoteEntry.js')!;
      expect(response.body.version.integrity).toBe(
        `sha384-${createHash('sha384').update(entryBytes).digest('base64')}`,
      );
    });

    it('is refused with 400 when its manifest does not answer', async () => {
      const server = await startHostingRegistry();
      const response = await request(server)
        .post('/api/registry/remotes/team_search/versions')
        .set('Authorization', SERVICE)
        .send(body(`${hostUrl}/search/missing.json`));
      expect(response.status).toBe(400);
      expect(response.body.error.message).toBe(
        `manifestUrl: could not fetch ${hostUrl}/search/missing.json (status 404)`,
      );
      const remotes = await request(server).get('/api/registry/remotes').set('Authorization', USER);
      expect(remotes.body.remotes).toEqual([]);
    });

    it('is refused with 400 naming the field when the body is incomplete', async () => {
      const server = await startRegistry();
      const response = await request(server)
        .post('/api/registry/remotes/team_search/versions')
        .set('Authorization', SERVICE)
        .send({ version: '2.0.0', route: '/search' });
      expect(response.status).toBe(400);
      expect(response.body.error.message).toMatch(/body\.manifestUrl: Required/);
    });
  });
});
