import { MiddlewareFactory } from '@backstage/backend-defaults/rootHttpRouter';
import { coreServices, createServiceFactory, LoggerService } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices, startTestBackend, TestDatabaseId } from '@backstage/backend-test-utils';
import type { ManifestRemote } from '@portico/contract';
import express from 'express';
import { Knex } from 'knex';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { registryPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/databases';
import { policyPermissionsFactory } from './__testUtils__/policyPermissions';
import { MEMBERSHIPS, publishFixture } from './__testUtils__/startRegistry';
import { RegistryTestPolicy } from './__testUtils__/testPolicy';

const databases = createTestDatabases();
const LINUS = mockCredentials.user.header('user:default/linus'); // owns team_payments
const ANONYMOUS = mockCredentials.none.header();
const ASSET_BASE_URL = 'https://portico-assets.example.test/api/registry/assets';

/** Every line any logger of the backend wrote, with its fields, as text. */
function capturingLogger(lines: string[], fields: Record<string, unknown> = {}): LoggerService {
  const write = (message: string, meta?: unknown) =>
    lines.push(
      `${message} ${JSON.stringify({ ...fields, ...(meta instanceof Error ? { error: String(meta) } : (meta ?? {})) })}`,
    );
  return {
    error: write,
    warn: write,
    info: write,
    debug: write,
    child: more => capturingLogger(lines, { ...fields, ...more }),
  };
}

describe.each(databases.eachSupportedId())('serving remote files on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;
  let logLines: string[];
  /** Listening (not started per request by supertest), so that every response finishes and is logged. */
  let app: Server;
  /** The test backend alone, without the production middleware (whose helmet sends nosniff too). */
  let bare: Server;

  /**
   * The registry behind the middleware Backstage's production root router puts before every
   * route (helmet, CORS, compression, request logging, in `rootHttpRouterServiceFactory`'s order),
   * every logger writing into `logLines`. (The test backend's own root router has no request log.)
   */
  async function startBackend(registry: Record<string, unknown> = {}) {
    const backend = await startTestBackend({
      features: [
        registryPlugin,
        mockServices.database.factory({ knex }),
        policyPermissionsFactory(new RegistryTestPolicy(), MEMBERSHIPS),
        mockServices.rootConfig.factory({ data: { registry: { storage: { directory: storage }, ...registry } } }),
        createServiceFactory({ service: coreServices.rootLogger, deps: {}, factory: () => capturingLogger(logLines) }),
      ],
    });
    const logger = capturingLogger(logLines, { service: 'rootHttpRouter' });
    const middleware = MiddlewareFactory.create({ config: mockServices.rootConfig(), logger });
    const root = express();
    root.use(middleware.helmet(), middleware.cors(), middleware.compression(), middleware.logging());
    bare = backend.server;
    root.use((req, res) => bare.emit('request', req, res));
    const server = createServer(root);
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    app = server;
  }

  async function publishLive(version = '1.0.0') {
    expect((await publishFixture(app, { version }, LINUS)).status).toBe(201);
    const live = await request(app)
      .post('/api/registry/remotes/team_payments/promote')
      .set('Authorization', LINUS)
      .send({ version });
    expect(live.status).toBe(200);
  }

  async function signedEntryFor(authorization: string) {
    const manifest = await request(app).get('/api/registry/manifest').set('Authorization', authorization);
    return manifest.body.remotes.find((r: ManifestRemote) => r.name === 'team_payments').entry as string;
  }

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-serving-'));
    logLines = [];
  });

  afterEach(async () => {
    if (app?.listening) {
      app.closeAllConnections();
      await new Promise(resolve => app.close(resolve));
    }
    await rm(storage, { recursive: true, force: true });
  });

  it('sends every file with a sandboxing CSP, nosniff and its type from the allowlist', async () => {
    await startBackend();
    await publishLive();
    const signedPath = new URL(await signedEntryFor(LINUS)).pathname;
    // The registry sends them itself, and they survive Backstage's own middleware (helmet's CSP).
    for (const server of [bare, app]) {
      const entry = await request(server).get(signedPath).set('Authorization', ANONYMOUS);
      expect(entry.status).toBe(200);
      expect(entry.headers).toMatchObject({
        'content-type': 'application/javascript; charset=utf-8',
        'content-security-policy': "sandbox; default-src 'none'; frame-ancestors 'none'",
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'private, max-age=31536000, immutable',
        'access-control-allow-origin': '*',
      });
    }
    const manifest = await request(app)
      .get('/api/registry/assets/team_payments/1.0.0/mf-manifest.json')
      .set('Authorization', LINUS);
    expect(manifest.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(manifest.headers['content-security-policy']).toBe("sandbox; default-src 'none'; frame-ancestors 'none'");
  });

  it('never serves a stored file whose type a remote does not need, nor a stored type', async () => {
    await startBackend();
    await publishLive();
    // Files stored before publish refused such types, or written into the table by hand.
    const entryFile = await knex('registry_files')
      .where({ remote_name: 'team_payments', path: 'remoteEntry.js' })
      .first();
    for (const [path, type] of [
      ['index.html', 'text/html'],
      ['logo.svg', 'image/svg+xml'],
      ['feed.xml', 'application/xml'],
      ['page.xhtml', 'application/xhtml+xml'],
      ['README', 'application/octet-stream'],
    ]) {
      await knex('registry_files').insert({ ...entryFile, path, content_type: type });
    }
    await knex('registry_files')
      .where({ remote_name: 'team_payments', path: 'remoteEntry.js' })
      .update({ content_type: 'text/html' });

    const signed = new URL(await signedEntryFor(LINUS)).pathname;
    for (const path of ['index.html', 'logo.svg', 'feed.xml', 'page.xhtml', 'README']) {
      for (const [url, authorization] of [
        [signed.replace('remoteEntry.js', path), ANONYMOUS],
        [`/api/registry/assets/team_payments/1.0.0/${path}`, LINUS],
      ]) {
        const response = await request(app).get(url).set('Authorization', authorization);
        expect([path, response.status]).toEqual([path, 404]);
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(response.text).not.toContain('var team_payments');
      }
    }
    const entry = await request(app).get(signed).set('Authorization', ANONYMOUS);
    expect(entry.status).toBe(200);
    expect(entry.headers['content-type']).toBe('application/javascript; charset=utf-8');
  });

  it('gives entries under registry.assetBaseUrl in the manifest and the version summaries', async () => {
    await startBackend({ assetBaseUrl: `${ASSET_BASE_URL}/` });
    await publishLive();
    const entry = await signedEntryFor(LINUS);
    expect(entry).toMatch(new RegExp(`^${ASSET_BASE_URL}/team_payments/1\\.0\\.0/~s/[^/]+/remoteEntry\\.js$`));
    const detail = await request(app).get('/api/registry/remotes/team_payments').set('Authorization', LINUS);
    expect(detail.body.versions.map((v: { entry: string }) => v.entry)).toEqual([
      `${ASSET_BASE_URL}/team_payments/1.0.0/remoteEntry.js`,
    ]);
    // The asset host routes to the backend's asset path: the same path answers there.
    expect((await request(app).get(new URL(entry).pathname).set('Authorization', ANONYMOUS)).status).toBe(200);
  });

  it('refuses an invalid registry.assetBaseUrl or signing period at start-up, naming the key', async () => {
    await expect(startBackend({ assetBaseUrl: 'assets.example.test' })).rejects.toThrow(/registry\.assetBaseUrl/);
    await expect(startBackend({ assetSignature: { periodSeconds: 5 } })).rejects.toThrow(
      /registry\.assetSignature\.periodSeconds/,
    );
  });

  it('keeps signatures out of the request log, also in a Referer and for refused requests', async () => {
    await startBackend();
    await publishLive();
    const signedPath = new URL(await signedEntryFor(LINUS)).pathname;
    const signature = /~s\/([^/]+)\//.exec(signedPath)![1];
    const stylesheet = `http://localhost/api/registry/assets/team_payments/1.0.0/~s/${signature}/static/css/main.css`;
    const served = await request(app).get(signedPath).set('Authorization', ANONYMOUS).set('Referer', stylesheet);
    expect(served.status).toBe(200);
    const [period, who, mac] = signature.split('.');
    const forged = signedPath.replace(signature, `${period}.${who}.${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`);
    const refused = await request(app).get(forged).set('Authorization', ANONYMOUS).set('Referer', stylesheet);
    expect(refused.status).toBe(404);

    const requestLines = () =>
      logLines.filter(line => line.includes('"type":"incomingRequest"') && line.includes('/assets/'));
    // The request log is written when a response finishes, which may be after the client has it.
    // (The line of the streamed 200 answer did not always reach the captured log in time on a
    // busy machine; the refused request carries the same URL and Referer and is always logged.)
    const refusedLine = () => requestLines().find(candidate => candidate.includes('HTTP/1.1" 404 '));
    for (let i = 0; i < 250 && !refusedLine(); i++) await new Promise(resolve => setTimeout(resolve, 20));
    expect(refusedLine()).toContain(
      '"GET /api/registry/assets/team_payments/1.0.0/~s/redacted/remoteEntry.js HTTP/1.1" 404',
    );
    expect(refusedLine()).toContain(
      '"referrer":"http://localhost/api/registry/assets/team_payments/1.0.0/~s/redacted/',
    );
    for (const line of requestLines()) expect(line).toContain('/~s/redacted/');
    expect(logLines.filter(line => line.includes(mac.slice(1)) || line.includes(who))).toEqual([]);
  });
});
