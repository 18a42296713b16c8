import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { JsonObject } from '@backstage/types';
import registryPlugin from '@portico/plugin-registry-backend';
import { publishFixture } from '@portico/plugin-registry-backend/testUtils';
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
const bearer = (token: string) => `Bearer ${token}`;

/** An entry of `backend.auth.externalAccess`: its options, and whatever else it configures. */
type ExternalAccessConfig = JsonObject & { options: JsonObject };

/** The portico CLI's token exactly as app-config.yaml configures it, with its token filled in. */
async function cliTokenFromAppConfig() {
  const appConfig: { backend: { auth: { externalAccess: ExternalAccessConfig[] } } } = parse(
    await readFile(join(ROOT, 'app-config.yaml'), 'utf8'),
  );
  const entry = appConfig.backend.auth.externalAccess.find(access => access.options.subject === 'portico-cli');
  if (!entry) throw new Error('app-config.yaml has no backend.auth.externalAccess entry for portico-cli');
  return { ...entry, options: { ...entry.options, token: CLI_TOKEN } };
}

// At the top level, so that the backend stops (a top-level hook of backend-test-utils) before
// the databases close: the catalog may still be processing when the tests end.
const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });

describe('service tokens', () => {
  let server: Server;
  let storage: string;

  beforeAll(async () => {
    storage = await mkdtemp(join(tmpdir(), 'portico-service-tokens-'));
    ({ server } = await startTestBackend({
      features: [
        import('@backstage/plugin-catalog-backend'),
        registryPlugin,
        authServiceFactory,
        httpAuthServiceFactory,
        permissionsServiceFactory,
        perPluginDatabases(databases, 'SQLITE_3'),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            permission: { enabled: true },
            backend: {
              auth: {
                externalAccess: [
                  await cliTokenFromAppConfig(),
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
                { subject: 'portico-cli', owns: '*' },
                { subject: 'ci-payments', owns: ['group:default/payments-team'] },
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

  it('lets the CLI token of app-config.yaml administer the registry', async () => {
    const cli = bearer(CLI_TOKEN);
    expect(
      (
        await request(server)
          .post('/api/registry/remotes/team_payments/promote')
          .set('Authorization', cli)
          .send({ version: '1.0.0' })
      ).status,
    ).toBe(200);
    expect((await request(server).get('/api/registry/audit').set('Authorization', cli)).status).toBe(200);
  });

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
