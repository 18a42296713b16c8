import { coreServices, createServiceFactory } from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend, TestDatabaseId } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { packFiles } from '@portico/contract/archive';
import { Knex } from 'knex';
import { mkdtemp, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import request from 'supertest';
import { readRegistryConfig } from './config';
import { migrateRegistryDatabase } from './database/migrateRegistryDatabase';
import { registryPlugin } from './plugin';
import { createTestDatabases } from './__testUtils__/databases';
import { remoteFixture, RemoteFixtureOptions } from './__testUtils__/remoteFixture';
import { ADMIN_SERVICE_SUBJECT, publishFixture, serviceHeader, startRegistry } from './__testUtils__/startRegistry';
import { AssetStore, createLocalAssetStore, sha384Hex } from './services/AssetStore';
import { AUDIT_RETENTION_TASK_ID, createAuditLog } from './services/AuditLog';
import { BLOB_SWEEP_TASK_ID, createBlobSweeper } from './services/BlobSweeper';
import { createRemotePublisher, RemotePublisher } from './services/RemotePublisher';
import { createShellContracts } from './services/ShellContracts';

const databases = createTestDatabases();
const ADMIN = serviceHeader(ADMIN_SERVICE_SUBJECT);
const HOUR = 3_600_000;
const PAYMENTS_OWNER = 'group:default/payments-team';
const SEARCH_OWNER = 'group:default/search-team';
/** The bytes of the fixture's `static/js/plugin.abc123.js` for a given body: the same in every remote. */
const pluginChunk = (body: string) => `console.log(${JSON.stringify(body)});`;

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>(done => {
    resolve = done;
  });
  return { promise, resolve };
}

async function readBlob(store: AssetStore, digest: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of store.open(digest)) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function storedDigests(store: AssetStore): Promise<string[]> {
  const digests: string[] = [];
  for await (const blob of store.list()) digests.push(blob.digest);
  return digests.sort();
}

function blobFile(storage: string, digest: string): string {
  return join(storage, 'blobs', digest.slice(0, 2), digest);
}

/** Makes a stored blob look as if it was last written `ms` ago. */
async function age(storage: string, digest: string, ms: number) {
  const then = new Date(Date.now() - ms);
  await utimes(blobFile(storage, digest), then, then);
}

describe.each(databases.eachSupportedId())('blob lifecycle on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-blobs-'));
  });

  afterEach(async () => {
    await rm(storage, { recursive: true, force: true });
  });

  describe('the publisher and the sweep', () => {
    beforeEach(async () => {
      await migrateRegistryDatabase(mockServices.database({ knex }));
    });

    function publisherOn(assets: AssetStore): RemotePublisher {
      return createRemotePublisher({
        database: knex,
        assets,
        assetBaseUrl: 'http://localhost:7007/api/registry/assets',
        shellContracts: createShellContracts({ database: knex }),
        config: readRegistryConfig(new ConfigReader({})),
      });
    }

    async function publish(
      publisher: RemotePublisher,
      fixture: RemoteFixtureOptions & { name: string; owner: string },
      uploader = 'user:default/test',
    ) {
      const prepared = await publisher.prepareUpload({
        name: fixture.name,
        owner: fixture.owner,
        archive: Readable.from(await packFiles(remoteFixture(fixture))),
        uploader,
      });
      try {
        return await publisher.publish(prepared, 'user:default/test');
      } finally {
        await prepared.dispose();
      }
    }

    /** The store, with hooks around each publish's first put of a given digest. */
    function hooked(
      store: AssetStore,
      digest: string,
      hooks: { before?: () => Promise<void>; after?: () => Promise<void> },
    ) {
      let seen = false;
      return {
        ...store,
        async put(putDigest, content) {
          const first = putDigest === digest && !seen;
          if (first) {
            seen = true;
            await hooks.before?.();
          }
          const created = await store.put(putDigest, content);
          if (first) await hooks.after?.();
          return created;
        },
      } satisfies AssetStore;
    }

    it('keeps a file another publish relies on when a publish sharing it fails', async () => {
      const store = createLocalAssetStore(storage);
      // team_search is the search team's, so a version naming another owner fails in its transaction.
      await publish(publisherOn(store), { name: 'team_search', version: '0.1.0', body: 'search', owner: SEARCH_OWNER });

      const shared = sha384Hex(pluginChunk('shared'));
      const failingWroteShared = deferred();
      const succeedingFoundShared = deferred();
      const failingSettled = deferred();
      // The failing publish writes the shared file and waits until the other one has found it
      // stored; that one commits only after the failing publish has given up.
      const failingPublisher = publisherOn(
        hooked(store, shared, {
          after: async () => {
            failingWroteShared.resolve();
            await succeedingFoundShared.promise;
          },
        }),
      );
      const succeedingPublisher = publisherOn(
        hooked(store, shared, {
          before: () => failingWroteShared.promise,
          after: async () => {
            succeedingFoundShared.resolve();
            await failingSettled.promise;
          },
        }),
      );

      const [failure, payments] = await Promise.allSettled([
        publish(failingPublisher, {
          name: 'team_search',
          version: '1.0.0',
          body: 'shared',
          owner: PAYMENTS_OWNER,
        }).finally(failingSettled.resolve),
        publish(
          succeedingPublisher,
          { name: 'team_payments', body: 'shared', owner: PAYMENTS_OWNER },
          'user:default/other',
        ),
      ]);
      expect(failure.status).toBe('rejected');
      expect((failure as PromiseRejectedResult).reason.message).toMatch(/^owner: team_search is owned by/);
      expect(payments.status).toBe('fulfilled');

      const files = await knex('registry_files').where({ remote_name: 'team_payments', version: '1.0.0' });
      expect(files.map(file => file.path)).toContain('static/js/plugin.abc123.js');
      for (const file of files) {
        expect(sha384Hex(await readBlob(store, file.digest))).toBe(file.digest);
      }
    });

    it('sweeps unreferenced blobs after the grace period and keeps referenced and young ones', async () => {
      const store = createLocalAssetStore(storage);
      await publish(publisherOn(store), { name: 'team_payments', owner: PAYMENTS_OWNER });
      const referenced = (await knex('registry_files').select('digest')).map(row => row.digest as string);
      const oldOrphan = sha384Hex('left by a failed publish long ago');
      const youngOrphan = sha384Hex('written by a publish still in progress');
      await store.put(oldOrphan, Buffer.from('left by a failed publish long ago'));
      await store.put(youngOrphan, Buffer.from('written by a publish still in progress'));
      for (const digest of [...referenced, oldOrphan]) await age(storage, digest, 2 * HOUR);
      // A write in progress is not a blob: the sweep leaves it to the write that owns it.
      await writeFile(`${blobFile(storage, oldOrphan)}.in-progress.tmp`, 'partial');

      const result = await createBlobSweeper({ database: knex, assets: store, gracePeriodMs: HOUR }).sweep();

      expect(result.removed).toEqual([oldOrphan]);
      expect(result.checked).toBe(referenced.length + 2);
      expect(await storedDigests(store)).toEqual([...new Set([...referenced, youngOrphan])].sort());
      expect(await readdir(join(storage, 'blobs', oldOrphan.slice(0, 2)))).toContain(`${oldOrphan}.in-progress.tmp`);
    });

    it('lets a publish claim an old unreferenced blob so that the sweep keeps it', async () => {
      const store = createLocalAssetStore(storage);
      const chunk = sha384Hex(pluginChunk('v1'));
      await store.put(chunk, Buffer.from(pluginChunk('v1')));
      await age(storage, chunk, 2 * HOUR);
      await publish(publisherOn(store), { name: 'team_payments', owner: PAYMENTS_OWNER });
      await knex('registry_files').delete();

      const result = await createBlobSweeper({ database: knex, assets: store, gracePeriodMs: HOUR }).sweep();

      expect(result.removed).toEqual([]);
      expect(await storedDigests(store)).toContain(chunk);
    });
  });

  it('restores a missing file when the same version is published again', async () => {
    const server = await startRegistry({ knex, storage });
    expect((await publishFixture(server)).status).toBe(201);
    const asset = '/api/registry/assets/team_payments/1.0.0/static/js/plugin.abc123.js';
    await rm(blobFile(storage, sha384Hex(pluginChunk('v1'))));

    const again = await publishFixture(server);
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);

    const served = await request(server).get(asset).set('Authorization', ADMIN);
    expect(served.status).toBe(200);
    expect(served.text).toBe(pluginChunk('v1'));
  });

  it('schedules the sweep and the audit retention with global scope, as configured', async () => {
    const scheduler = mockServices.scheduler();
    const { server } = await startTestBackend({
      features: [
        registryPlugin,
        mockServices.database.factory({ knex }),
        // Tasks run only when the test triggers them.
        createServiceFactory({ service: coreServices.scheduler, deps: {}, factory: () => scheduler }),
        mockServices.rootConfig.factory({
          data: {
            registry: {
              storage: { directory: storage },
              blobSweep: { gracePeriod: '10m', frequency: { minutes: 15 } },
              audit: { retention: 30 },
            },
          },
        }),
      ],
    });
    expect(server).toBeDefined();
    const tasks = await scheduler.getScheduledTasks();
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ id: BLOB_SWEEP_TASK_ID, scope: 'global' }),
        expect.objectContaining({ id: AUDIT_RETENTION_TASK_ID, scope: 'global' }),
      ]),
    );

    const store = createLocalAssetStore(storage);
    const orphan = sha384Hex('orphan');
    const recent = sha384Hex('recent');
    await store.put(orphan, Buffer.from('orphan'));
    await store.put(recent, Buffer.from('recent'));
    await age(storage, orphan, 20 * 60_000);
    await scheduler.triggerTask(BLOB_SWEEP_TASK_ID);
    expect(await storedDigests(store)).toEqual([recent]);

    const day = 24 * HOUR;
    const record = { actor: 'user:default/ada', action: 'promote', remote: 'team_payments' } as const;
    const entry = { ...record, fromVersion: null, toVersion: '1.0.0', outcome: 'success' as const, detail: null };
    await createAuditLog({ database: knex, now: () => new Date(Date.now() - 31 * day) }).record(entry);
    await createAuditLog({ database: knex, now: () => new Date(Date.now() - 29 * day) }).record(entry);
    await scheduler.triggerTask(AUDIT_RETENTION_TASK_ID);
    const left = await createAuditLog({ database: knex }).list({ limit: 10 });
    expect(left).toHaveLength(1);
    expect(new Date(left[0].at).getTime()).toBeGreaterThan(Date.now() - 30 * day);
  });
});
