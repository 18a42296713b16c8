import { TestDatabaseId, mockCredentials } from '@backstage/backend-test-utils';
import { packFiles, type ArchiveFile } from '@portico/contract/archive';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { ClientRequest, IncomingMessage, request as httpRequest, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Knex } from 'knex';
import request from 'supertest';
import { createTestDatabases } from './__testUtils__/databases';
import { remoteFixture, RemoteFixtureOptions } from './__testUtils__/remoteFixture';
import {
  ADMIN_SERVICE_SUBJECT,
  serviceHeader,
  startRegistry,
  StartRegistryOptions,
} from './__testUtils__/startRegistry';

const databases = createTestDatabases();
const ADMIN = serviceHeader(ADMIN_SERVICE_SUBJECT);
const LINUS = mockCredentials.user.header('user:default/linus'); // payments-team
const SVEN = mockCredentials.user.header('user:default/sven'); // search-team
const PAYMENTS = 'group:default/payments-team';
const SEARCH = 'group:default/search-team';

interface RawAnswer {
  status: number;
  body: { error: { name: string; message: string } };
}

function readAnswer(response: IncomingMessage): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', chunk => chunks.push(chunk));
    response.on('error', reject);
    response.on('end', () =>
      resolve({ status: response.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }),
    );
  });
}

/** Opens a publish upload without sending its body: the test decides what, if anything, follows. */
function openUpload(server: Server, headers: Record<string, string>, name = 'team_payments') {
  const req: ClientRequest = httpRequest({
    host: '127.0.0.1',
    port: (server.address() as AddressInfo).port,
    method: 'POST',
    path: `/api/registry/remotes/${name}/versions`,
    headers: { 'Content-Type': 'application/gzip', ...headers },
  });
  req.on('error', () => {}); // the server may close a refused upload while it is still being sent
  const answer = new Promise<RawAnswer>(resolve => req.on('response', response => resolve(readAnswer(response))));
  req.flushHeaders();
  return { req, answer };
}

function withinSeconds<T>(seconds: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${seconds}s: ${what}`)), seconds * 1000);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(databases.eachSupportedId())('the publish intake on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-intake-'));
  });

  afterEach(() => rm(storage, { recursive: true, force: true }));

  const start = (options: Partial<StartRegistryOptions> = {}) => startRegistry({ knex, storage, ...options });

  /** Posts an upload; `owner` is the X-Portico-Owner header (the payments team by default, none for null). */
  async function post(
    server: Server,
    files: ArchiveFile[] | Buffer,
    { authorization = ADMIN, owner = PAYMENTS as string | null, name = 'team_payments' } = {},
  ) {
    const call = request(server)
      .post(`/api/registry/remotes/${name}/versions`)
      .set('Authorization', authorization)
      .set('Content-Type', 'application/gzip');
    if (owner !== null) call.set('X-Portico-Owner', owner);
    return call.send(Buffer.isBuffer(files) ? files : await packFiles(files));
  }

  const withFiles = (extra: ArchiveFile[], fixture: RemoteFixtureOptions = {}) => [...remoteFixture(fixture), ...extra];

  /** What uploads left in the storage folder: their temporary folders are always removed. */
  async function leftovers() {
    return (await readdir(storage)).filter(entry => entry !== 'blobs');
  }

  describe('authorizes before it reads the upload', () => {
    it('refuses a caller who may not publish without waiting for the body', async () => {
      const server = await start();
      // A body of 1 MiB is announced and never sent: only an answer that does not read it arrives.
      const { req, answer } = openUpload(server, {
        Authorization: SVEN,
        'X-Portico-Owner': PAYMENTS,
        'Content-Length': '1048576',
      });
      const refused = await withinSeconds(10, answer, 'a refused publish waited for its body').finally(() =>
        req.destroy(),
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toMatch(
        /^registry\.remote\.publish: user:default\/sven may not publish team_payments/,
      );
      expect(await leftovers()).toEqual([]);
    });

    it('answers a hidden remote exactly as a missing one, naming no owner', async () => {
      const server = await start();
      expect((await post(server, remoteFixture())).status).toBe(201);
      const hide = await request(server)
        .put('/api/registry/remotes/team_payments/visibility')
        .set('Authorization', ADMIN)
        .send({ groups: [PAYMENTS] });
      expect(hide.status).toBe(200);
      const refused = await post(server, remoteFixture({ version: '1.1.0' }), { authorization: SVEN, owner: SEARCH });
      expect(refused.status).toBe(404);
      expect(refused.body.error).toEqual({ name: 'NotFoundError', message: 'No remote named team_payments' });
      const missing = await request(server).get('/api/registry/remotes/team_nobody').set('Authorization', SVEN);
      expect(missing.body.error.message).toBe('No remote named team_nobody');
    });

    it('needs the owner of a new remote in X-Portico-Owner, and the descriptor must name it', async () => {
      const server = await start();
      const anonymous = await post(server, remoteFixture(), { owner: null });
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.error.message).toMatch(/^owner: team_payments is a new remote; name its owner/);
      const malformed = await post(server, remoteFixture(), { owner: 'payments' });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toMatch(/^owner: /);

      const other = await post(server, remoteFixture({ owner: SEARCH }), { authorization: LINUS });
      expect(other.status).toBe(422);
      expect(other.body.error.message).toBe(
        `portico-remote.json: owner "${SEARCH}" differs from team_payments's owner "${PAYMENTS}"`,
      );
      expect((await request(server).get('/api/registry/remotes').set('Authorization', ADMIN)).body.remotes).toEqual([]);
    });

    it('judges an existing remote by its stored owner, whatever the upload names', async () => {
      const server = await start();
      expect((await post(server, remoteFixture())).status).toBe(201);
      const header = await post(server, remoteFixture({ version: '1.1.0', owner: SEARCH }), { owner: SEARCH });
      expect(header.status).toBe(422);
      expect(header.body.error.message).toBe(
        `owner: team_payments is owned by ${PAYMENTS}, but this publish names ${SEARCH}`,
      );
      const descriptor = await post(server, remoteFixture({ version: '1.1.0', owner: SEARCH }), { owner: null });
      expect(descriptor.status).toBe(422);
      expect(descriptor.body.error.message).toContain(
        `owner "${SEARCH}" differs from team_payments's owner "${PAYMENTS}"`,
      );
      const later = await post(server, remoteFixture({ version: '1.1.0', body: 'v2' }), {
        authorization: LINUS,
        owner: null,
      });
      expect(later.status).toBe(201);
    });
  });

  describe('caps what an upload may cost, answering 413 with the limit named', () => {
    it('stops at registry.maxUnpackedBytes, for one file of zeros and for zeros after the end of the archive', async () => {
      const server = await start({ uploadLimits: { maxUnpackedBytes: 1024 * 1024, maxFiles: 20 } });
      const zeros = await post(
        server,
        withFiles([{ path: 'static/zeros.js', content: Buffer.alloc(8 * 1024 * 1024) }]),
      );
      expect(zeros.status).toBe(413);
      expect(zeros.body.error.message).toBe('archive: unpacked size exceeds registry.maxUnpackedBytes (1048576 bytes)');

      // A valid archive followed by 64 MiB of zeros (64 KiB gzipped): tar reads zeros as more end blocks.
      const tar = gunzipSync(await packFiles(remoteFixture()));
      const padded = gzipSync(Buffer.concat([tar, Buffer.alloc(64 * 1024 * 1024)]), { level: 1 });
      expect(padded.length).toBeLessThan(512 * 1024);
      const trailing = await post(server, padded);
      expect(trailing.status).toBe(413);
      expect(trailing.body.error.message).toBe(
        'archive: unpacked size exceeds registry.maxUnpackedBytes (1048576 bytes)',
      );
      expect(await leftovers()).toEqual([]);
    });

    it('stops at registry.maxFiles', async () => {
      const server = await start({ uploadLimits: { maxFiles: 5 } });
      const files = withFiles([1, 2].map(n => ({ path: `static/js/${n}.js`, content: `/* ${n} */` })));
      const response = await post(server, files);
      expect(response.status).toBe(413);
      expect(response.body.error.message).toBe('archive: file count exceeds registry.maxFiles (5 files)');
    });

    it('stops at registry.maxUploadBytes, whether the length is announced or not', async () => {
      const server = await start({ uploadLimits: { maxUploadBytes: 64 * 1024 } });
      const archive = await packFiles(withFiles([{ path: 'static/noise.js', content: randomBytes(200 * 1024) }]));
      const announced = await post(server, archive);
      expect(announced.status).toBe(413);
      expect(announced.body.error.message).toBe('archive: upload exceeds registry.maxUploadBytes (65536 bytes)');

      // Chunked, without Content-Length: the bytes are counted as they arrive.
      const { req, answer } = openUpload(server, { Authorization: ADMIN, 'X-Portico-Owner': PAYMENTS });
      req.end(archive);
      const counted = await withinSeconds(10, answer, 'a chunked upload over the limit');
      expect(counted.status).toBe(413);
      expect(counted.body.error.message).toBe('archive: upload exceeds registry.maxUploadBytes (65536 bytes)');
      expect(await leftovers()).toEqual([]);
    });

    it('lets one caller have registry.maxConcurrentUploadsPerCaller uploads in progress, and frees them', async () => {
      const server = await start({ uploadLimits: { maxConcurrentUploadsPerCaller: 2 } });
      const headers = { Authorization: ADMIN, 'X-Portico-Owner': PAYMENTS, 'Content-Length': '4096' };
      const hanging = [openUpload(server, headers), openUpload(server, headers)];
      let third = await post(server, remoteFixture());
      for (let attempt = 0; third.status !== 429 && attempt < 100; attempt++) {
        await sleep(100);
        third = await post(server, remoteFixture());
      }
      expect(third.status).toBe(429);
      expect(third.body.error.message).toMatch(
        /^upload: external:test-service already has 2 uploads in progress, the most registry\.maxConcurrentUploadsPerCaller \(2\) allows/,
      );
      // Another caller is not held up by them.
      expect((await post(server, remoteFixture({ version: '2.0.0' }), { authorization: LINUS })).status).toBe(201);

      for (const { req } of hanging) req.destroy();
      let after = await post(server, remoteFixture());
      for (let attempt = 0; after.status === 429 && attempt < 100; attempt++) {
        await sleep(100);
        after = await post(server, remoteFixture());
      }
      expect([200, 201]).toContain(after.status);
      expect(await leftovers()).toEqual([]);
    });
  });

  describe('accepts only the file types a remote needs', () => {
    it.each([
      'index.html',
      'static/logo.svg',
      'feed.xml',
      'page.htm',
      'static/page.xhtml',
      'README.txt',
      'static/js/chunk',
    ])('refuses %s with 422 naming it, storing nothing', async path => {
      const server = await start();
      const response = await post(server, withFiles([{ path, content: '<script>alert(1)</script>' }]));
      expect(response.status).toBe(422);
      expect(response.body.error.message).toMatch(
        new RegExp(`^archive: file "${path.replace(/\./g, '\\.')}" is not a type a remote needs`),
      );
      expect((await request(server).get('/api/registry/remotes').set('Authorization', ADMIN)).body.remotes).toEqual([]);
    });

    it('stores fonts, images, styles and scripts with their content types', async () => {
      const server = await start();
      const extra = [
        { path: 'static/app.css', content: 'body{}' },
        { path: 'static/font.woff2', content: 'wOF2' },
        { path: 'static/logo.png', content: 'png' },
        { path: 'static/chunk.mjs', content: 'export {}' },
      ];
      expect((await post(server, withFiles(extra))).status).toBe(201);
      const css = await request(server)
        .get('/api/registry/assets/team_payments/1.0.0/static/app.css')
        .set('Authorization', ADMIN);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const font = await request(server)
        .get('/api/registry/assets/team_payments/1.0.0/static/font.woff2')
        .set('Authorization', ADMIN);
      expect(font.headers['content-type']).toBe('font/woff2');
    });

    it('refuses source maps unless the descriptor asks for them', async () => {
      const server = await start();
      const map = { path: 'static/js/plugin.abc123.js.map', content: '{"version":3}' };
      const refused = await post(server, withFiles([map]));
      expect(refused.status).toBe(422);
      expect(refused.body.error.message).toMatch(
        /^archive: file "static\/js\/plugin\.abc123\.js\.map" is a source map/,
      );

      expect((await post(server, withFiles([map], { sourceMaps: true }))).status).toBe(201);
      const served = await request(server)
        .get('/api/registry/assets/team_payments/1.0.0/static/js/plugin.abc123.js.map')
        .set('Authorization', ADMIN);
      expect(served.status).toBe(200);
      expect(served.headers['content-type']).toMatch(/^application\/json/);
    });
  });
});
