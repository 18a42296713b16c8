import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend, TestDatabaseId } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import registryPlugin from '@portico/plugin-registry-backend';
import { createTestDatabases, publishFixture } from '@portico/plugin-registry-backend/testUtils';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import request from 'supertest';
import { parse } from 'yaml';
import { perPluginDatabases } from './__testUtils__/perPluginDatabases';

/**
 * Service tokens (Backstage external access) are limited to the plugins and actions they are
 * meant for. They never reach the permission policy: Backstage's own auth and permissions
 * services (the real ones here, not mocks) enforce each token's access restrictions, and the
 * registry keeps a CI token to its team's remotes.
 */
const ROOT = resolve(__dirname, '../..');
const CLI_TOKEN = 'cli-token-for-tests-0123456789';
const CI_TOKEN = 'ci-payments-token-for-tests-0123456789';
const INDEXER_TOKEN = 'docs-indexer-token-for-tests-0123456789';
/** Team CI tokens limited by the registry alone: Backstage lets them reach any registry route. */
const SEARCH_CI_TOKEN = 'ci-search-token-for-tests-0123456789';
const WIDE_CI_TOKEN = 'ci-everything-token-for-tests-0123456789';
const bearer = (token: string) => `Bearer ${token}`;

/** An entry of `backend.auth.externalAccess`: its options, and whatever else it configures. */
type ExternalAccessConfig = JsonObject & { options: JsonObject };

/**
 * The portico CLI's token and registry service account exactly as app-config.yaml configures
 * them, with its token filled in.
 */
async function cliFromAppConfig() {
  const appConfig: {
    backend: { auth: { externalAccess: ExternalAccessConfig[] } };
    registry: { serviceAccounts: JsonObject[] };
  } = parse(await readFile(join(ROOT, 'app-config.yaml'), 'utf8'));
  const entry = appConfig.backend.auth.externalAccess.find(access => access.options.subject === 'portico-cli');
  if (!entry) throw new Error('app-config.yaml has no backend.auth.externalAccess entry for portico-cli');
  const account = appConfig.registry.serviceAccounts.find(candidate => candidate.subject === 'portico-cli');
  if (!account) throw new Error('app-config.yaml has no registry.serviceAccounts entry for portico-cli');
  return { externalAccess: { ...entry, options: { ...entry.options, token: CLI_TOKEN } }, account };
}

// At the top level, so that the backend stops (a top-level hook of backend-test-utils) before
// the databases close: the catalog may still be processing when the tests end.
const databases = createTestDatabases();

describe.each(databases.eachSupportedId())('service tokens on %s', (databaseId: TestDatabaseId) => {
  let server: Server;
  let storage: string;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'portico-service-tokens-'));
    const cli = await cliFromAppConfig();
    ({ server } = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        registryPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        perPluginDatabases(databases, databaseId),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  cli.externalAccess,
                  {
                    type: 'static',
                    options: { token: CI_TOKEN, subject: 'ci-payments' },
                    // A team's CI: reads and publishes the team's remotes, nothing else.
                    accessRestrictions: [
                      { plugin: 'registry', permission: ['registry.remote.read', 'registry.remote.publish'] },
                    ],
                  },
                  {
                    type: 'static',
                    options: { token: INDEXER_TOKEN, subject: 'docs-indexer' },
                    // A read-only catalog consumer.
                    accessRestrictions: [{ plugin: 'catalog', permissionAttribute: { action: ['read'] } }],
                  },
                  {
                    type: 'static',
                    options: { token: SEARCH_CI_TOKEN, subject: 'ci-search' },
                    accessRestrictions: [{ plugin: 'registry' }],
                  },
                  {
                    type: 'static',
                    options: { token: WIDE_CI_TOKEN, subject: 'ci-everything' },
                    accessRestrictions: [{ plugin: 'registry' }],
                  },
                ],
              },
            },
            catalog: {
              rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'User', 'Group', 'Domain'] }],
              locations: [{ type: 'file', target: join(ROOT, 'catalog-entities/all.yaml') }],
            },
            registry: {
              storage: { directory: storage },
              serviceAccounts: [
                cli.account,
                { subject: 'ci-payments', owns: ['group:default/payments-team'] },
                // No actions listed: the default, read and publish.
                { subject: 'ci-search', owns: ['group:default/search-team'] },
                { subject: 'ci-everything', owns: '*' },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(() => rm(storage, { recursive: true, force: true }));

  it("keeps a team's CI token to reading and publishing its own remotes", async () => {
    const ci = bearer(CI_TOKEN);
    expect((await publishFixture(server, { owner: 'group:default/payments-team' }, ci)).status).toBe(201);
    expect((await request(server).get('/api/registry/remotes/team_payments').set('Authorization', ci)).status).toBe(
      200,
    );
    // Not an action the token is meant for, even on its own team's remote.
    const promote = await request(server)
      .post('/api/registry/remotes/team_payments/promote')
      .set('Authorization', ci)
      .send({ version: '1.0.0' });
    expect(promote.status).toBe(403);
    // Not its team's remote (registry.serviceAccounts).
    const other = await publishFixture(
      server,
      { name: 'team_search', route: '/search', owner: 'group:default/search-team' },
      ci,
      'team_search',
    );
    expect(other.status).toBe(403);
  });

  it('refuses a registry token anywhere in the catalog', async () => {
    for (const token of [CI_TOKEN, CLI_TOKEN]) {
      const read = await request(server).get('/api/catalog/entities').set('Authorization', bearer(token));
      expect(read.status).toBe(403);
      expect(read.body.error.message).toMatch(/restricted to plugin\(s\) 'registry'/);
      const locations = await request(server)
        .post('/api/catalog/locations')
        .set('Authorization', bearer(token))
        .send({ type: 'url', target: 'https://example.com/catalog-info.yaml' });
      expect(locations.status).toBe(403);
    }
  });

  it('lets the CLI token of app-config.yaml take every registry action, as npm start and the e2e suite do', async () => {
    const cli = bearer(CLI_TOKEN);
    const remote = { name: 'team_cli', route: '/cli', owner: 'group:default/platform-engineers' };
    for (const version of ['1.0.0', '1.1.0']) {
      expect((await publishFixture(server, { ...remote, version }, cli, 'team_cli')).status).toBe(201);
      expect((await registryCall(cli, 'post', 'promote', { version })).status).toBe(200);
    }
    expect((await registryCall(cli, 'post', 'rollback')).status).toBe(200);
    expect((await registryCall(cli, 'post', 'deprecate', { version: '1.1.0', sunset: '2030-01-01' })).status).toBe(200);
    expect((await registryCall(cli, 'put', 'visibility', { groups: [] })).status).toBe(200);
    expect((await request(server).get('/api/registry/audit').set('Authorization', cli)).status).toBe(200);
    const contract = await request(server)
      .post('/api/registry/shell-contract')
      .set('Authorization', cli)
      .send({ shared: { react: '18.3.1', 'react-dom': '18.3.1' } });
    expect(contract.status).toBe(201);
  });

  it('keeps a team token with no actions listed to reading and publishing its remotes', async () => {
    const ci = bearer(SEARCH_CI_TOKEN);
    const remote = { name: 'team_search', route: '/search', owner: 'group:default/search-team' };
    expect((await publishFixture(server, remote, ci, 'team_search')).status).toBe(201);
    expect((await request(server).get('/api/registry/remotes/team_search').set('Authorization', ci)).status).toBe(200);
    // Backstage lets this token reach every registry route; the registry's default refuses the rest.
    const refusals = [
      ['promote', await registryCall(ci, 'post', 'promote', { version: '1.0.0' }, 'team_search')],
      ['rollback', await registryCall(ci, 'post', 'rollback', undefined, 'team_search')],
      ['deprecate', await registryCall(ci, 'post', 'deprecate', { sunset: '2030-01-01' }, 'team_search')],
      ['administer', await registryCall(ci, 'put', 'visibility', { groups: [] }, 'team_search')],
    ] as const;
    for (const [action, response] of refusals) {
      expect([action, response.status]).toEqual([action, 403]);
      expect(response.body.error.message).toMatch(new RegExp(`^registry\\.remote\\.${action}: ci-search may not`));
    }
    await expectRegistryWideRefused(ci);
  });

  it("keeps owns: '*' to every remote, not to every action", async () => {
    const wide = bearer(WIDE_CI_TOKEN);
    const remote = { name: 'team_wide', route: '/wide', owner: 'group:default/payments-team' };
    expect((await publishFixture(server, remote, wide, 'team_wide')).status).toBe(201);
    expect((await registryCall(wide, 'post', 'promote', { version: '1.0.0' }, 'team_wide')).status).toBe(403);
    const visibility = await registryCall(wide, 'put', 'visibility', { groups: [] }, 'team_wide');
    expect(visibility.status).toBe(403);
    expect(visibility.body.error.message).toMatch(/^registry\.remote\.administer:/);
    await expectRegistryWideRefused(wide);
  });

  /** A call to one of a remote's registry routes (team_cli unless named). */
  function registryCall(
    authorization: string,
    method: 'post' | 'put',
    action: string,
    body?: object,
    name = 'team_cli',
  ) {
    return request(server)
      [method](`/api/registry/remotes/${name}/${action}`)
      .set('Authorization', authorization)
      .send(body);
  }

  /** The audit trail and the shell contract are granted only by listing `audit` and `shell-contract`. */
  async function expectRegistryWideRefused(authorization: string) {
    const audit = await request(server).get('/api/registry/audit').set('Authorization', authorization);
    expect(audit.status).toBe(403);
    expect(audit.body.error.message).toMatch(/^registry\.audit\.read:/);
    const contract = await request(server)
      .post('/api/registry/shell-contract')
      .set('Authorization', authorization)
      .send({ shared: { react: '18.3.1' } });
    expect(contract.status).toBe(403);
    expect(contract.body.error.message).toMatch(/^registry\.shell-contract\.register:/);
  }

  it('lets a catalog reader read the catalog, and nothing else', async () => {
    const indexer = bearer(INDEXER_TOKEN);
    const entities = await until(
      async () =>
        (await request(server).get('/api/catalog/entities?filter=kind=component').set('Authorization', indexer)).body,
      body => Array.isArray(body) && body.length === 7,
    );
    expect(entities.map((entity: Entity) => entity.metadata.name)).toContain('payments-api');

    const refresh = await request(server)
      .post('/api/catalog/refresh')
      .set('Authorization', indexer)
      .send({ entityRef: 'component:default/payments-api' });
    expect(refresh.status).toBe(403);
    const remove = await request(server)
      .delete(`/api/catalog/entities/by-uid/${entities[0].metadata.uid}`)
      .set('Authorization', indexer);
    expect(remove.status).toBe(403);
    const register = await request(server)
      .post('/api/catalog/locations')
      .set('Authorization', indexer)
      .send({ type: 'url', target: 'https://example.com/catalog-info.yaml' });
    expect(register.status).toBe(403);

    for (const call of [
      request(server).get('/api/registry/manifest'),
      request(server).get('/api/registry/remotes'),
      request(server).post('/api/registry/remotes/team_payments/rollback'),
    ]) {
      const response = await call.set('Authorization', indexer);
      expect(response.status).toBe(403);
      expect(response.body.error.message).toMatch(/restricted to plugin\(s\) 'catalog'/);
    }
    expect((await publishFixture(server, { version: '1.1.0' }, indexer)).status).toBe(403);
  });
});

async function until<T>(probe: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const value = await probe();
    if (accept(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out; last: ${JSON.stringify(value).slice(0, 500)}`);
    await new Promise(resolvePromise => setTimeout(resolvePromise, 100));
  }
}
