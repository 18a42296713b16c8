import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { mkdtemp, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { RemoteFixtureOptions } from './__testUtils__/remoteFixture';
import { publishFixture, startRegistry } from './__testUtils__/startRegistry';

const databases = createTestDatabases();
const SERVICE = mockCredentials.service.header();
const USER = mockCredentials.user.header('user:default/ada');

describe.each(databases.eachSupportedId())(
  'reserved names, reserved and nested routes on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let storage: string;
    let server: Server;

    const publish = (fixture: RemoteFixtureOptions) => publishFixture(server, fixture, SERVICE);
    const makeLive = (name: string, version = '1.0.0') =>
      request(server).put(`/api/registry/remotes/${name}/live`).set('Authorization', SERVICE).send({ version });
    const remoteNames = async () =>
      (await request(server).get('/api/registry/remotes').set('Authorization', SERVICE)).body.remotes.map(
        (remote: { name: string }) => remote.name,
      );

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      storage = await mkdtemp(join(tmpdir(), 'portico-routes-'));
      server = await startRegistry({ knex, storage });
    });

    afterEach(() => rm(storage, { recursive: true, force: true }));

    it.each(['portico_shell', 'fetch', 'location', 'name', 'onerror'])(
      'refuses to publish a remote named %s with 422 naming the field, storing nothing',
      async name => {
        const response = await publish({ name, route: '/somewhere' });
        expect(response.status).toBe(422);
        expect(response.body.error.message).toMatch(
          /^name: is reserved: the shell or the browser already has a global/,
        );
        expect(await remoteNames()).toEqual([]);
      },
    );

    it.each(['/api', '/api/payments', '/metrics', '/healthcheck'])(
      'refuses to publish a version on the reserved route %s with 422 naming the field',
      async route => {
        await publish({ version: '1.0.0' });
        const response = await publish({ version: '1.1.0', route });
        expect(response.status).toBe(422);
        expect(response.body.error.message).toMatch(
          /^portico-remote\.json\.route: is reserved for the shell or the backend/,
        );
        const versions = await request(server).get('/api/registry/remotes/team_payments').set('Authorization', SERVICE);
        expect(versions.body.versions.map((version: { version: string }) => version.version)).toEqual(['1.0.0']);
      },
    );

    it('refuses a remote hosted elsewhere on a reserved route with 422 before fetching anything', async () => {
      const response = await request(server)
        .post('/api/registry/remotes/team_search/versions')
        .set('Authorization', SERVICE)
        .send({
          version: '1.0.0',
          manifestUrl: 'http://127.0.0.1:9/mf-manifest.json',
          route: '/api/search',
          title: 'Search',
          owner: 'group:default/search-team',
        });
      expect(response.status).toBe(422);
      expect(response.body.error.message).toMatch(/^body\.route: is reserved/);
    });

    it('still answers 400 for a malformed name: reserved is only for well-formed ones', async () => {
      const response = await publish({ name: 'Team-Payments' });
      expect(response.status).toBe(400);
    });

    it('refuses with 409 to make live a route nested under another remote’s, naming both', async () => {
      await publish({ name: 'platform_registry', route: '/registry' });
      expect((await makeLive('platform_registry')).status).toBe(200);
      await publish({ name: 'team_payments', route: '/registry/payments' });
      const clash = await makeLive('team_payments');
      expect(clash.status).toBe(409);
      expect(clash.body.error.message).toBe(
        'route: /registry/payments lies under /registry, which platform_registry serves (live 1.0.0)',
      );
      const promote = await request(server)
        .post('/api/registry/remotes/team_payments/promote')
        .set('Authorization', SERVICE)
        .send({ version: '1.0.0' });
      expect(promote.status).toBe(409);
      const manifest = await request(server).get('/api/registry/manifest').set('Authorization', USER);
      expect(manifest.body.remotes.map((remote: { name: string }) => remote.name)).toEqual(['platform_registry']);
    });
  },
);
