import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { AuditEntry, ManifestRemote, RemoteSummary } from '@portico/contract';
import { Knex } from 'knex';
import request from 'supertest';
import { registryRemotePromotePermission, registryRemoteRollbackPermission } from './permissions';
import { createTestDatabases } from './__testUtils__/databases';
import {
  ADMIN_SERVICE_SUBJECT,
  PAYMENTS_CI_SUBJECT,
  publishFixture,
  serviceHeader,
  startRegistry,
} from './__testUtils__/startRegistry';
import { RegistryTestPolicy } from './__testUtils__/testPolicy';

const databases = createTestDatabases();
const ADMIN = serviceHeader(ADMIN_SERVICE_SUBJECT);
const PAYMENTS_CI = serviceHeader(PAYMENTS_CI_SUBJECT);
const ADA = mockCredentials.user.header('user:default/ada'); // platform-engineers: admin
const LINUS = mockCredentials.user.header('user:default/linus'); // payments-team
const SVEN = mockCredentials.user.header('user:default/sven'); // search-team

const SEARCH = { name: 'team_search', route: '/search', title: 'Search', owner: 'group:default/search-team' };

describe.each(databases.eachSupportedId())(
  'ownership, visibility, audit and the shell contract on %s',
  (databaseId: TestDatabaseId) => {
    let knex: Knex;
    let storage: string;
    let server: Server;

    beforeEach(async () => {
      knex = await databases.init(databaseId);
      storage = await mkdtemp(join(tmpdir(), 'portico-access-'));
      server = await startRegistry({ knex, storage });
    });

    afterEach(() => rm(storage, { recursive: true, force: true }));

    const promote = (name: string, version: string, authorization: string) =>
      request(server)
        .post(`/api/registry/remotes/${name}/promote`)
        .set('Authorization', authorization)
        .send({ version });

    describe('ownership', () => {
      it("lets a team publish and promote its own remote, and refuses another team's with 403", async () => {
        expect((await publishFixture(server, {}, LINUS)).status).toBe(201);
        expect((await promote('team_payments', '1.0.0', LINUS)).status).toBe(200);

        expect((await publishFixture(server, SEARCH, ADMIN)).status).toBe(201);
        const refused = await promote('team_search', '1.0.0', LINUS);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /^registry\.remote\.promote: user:default\/linus may not do this to team_search/,
        );
        const publishRefused = await publishFixture(server, { ...SEARCH, version: '1.1.0' }, LINUS);
        expect(publishRefused.status).toBe(403);
        expect(publishRefused.body.error.message).toMatch(/^registry\.remote\.publish:/);
      });

      it('keeps a team CI token to that team’s remotes', async () => {
        expect((await publishFixture(server, {}, PAYMENTS_CI)).status).toBe(201);
        expect((await promote('team_payments', '1.0.0', PAYMENTS_CI)).status).toBe(200);
        const blobsBefore = await readdir(storage, { recursive: true });
        const refused = await publishFixture(server, { ...SEARCH, body: 'search' }, PAYMENTS_CI);
        expect(refused.status).toBe(403);
        expect(refused.body.error.message).toMatch(
          /^registry\.remote\.publish: external:ci-payments may not publish team_search/,
        );
        expect(await readdir(storage, { recursive: true })).toEqual(blobsBefore);
      });

      it('lets an unlisted service token read but not publish', async () => {
        const stranger = serviceHeader('external:someone-else');
        expect((await publishFixture(server, {}, stranger)).status).toBe(403);
        expect((await request(server).get('/api/registry/remotes').set('Authorization', stranger)).status).toBe(200);
      });

      it('reports what the caller may do with each remote', async () => {
        await publishFixture(server, {}, ADMIN);
        await publishFixture(server, SEARCH, ADMIN);
        const list = await request(server).get('/api/registry/remotes').set('Authorization', LINUS);
        const actions = Object.fromEntries(list.body.remotes.map((r: RemoteSummary) => [r.name, r.allowedActions]));
        expect(actions).toEqual({
          team_payments: ['publish', 'promote', 'rollback', 'deprecate'],
          team_search: [],
        });
        const admin = await request(server).get('/api/registry/remotes/team_search').set('Authorization', ADA);
        expect(admin.body.allowedActions).toEqual(['publish', 'promote', 'rollback', 'deprecate', 'administer']);
      });
    });

    // What `usePermission({ permission, resourceRef: <remote name> })` in a remote relies on: the
    // permission backend posts the policy's conditions to the owning plugin, on behalf of the user.
    describe('apply-conditions for the permission backend', () => {
      const applyConditions = (items: unknown[], authorization: string) =>
        request(server)
          .post('/api/registry/.well-known/backstage/permissions/apply-conditions')
          .set('Authorization', authorization)
          .send({ items });
      const onBehalfOf = (userEntityRef: string) =>
        `Bearer ${mockCredentials.user.token(userEntityRef, { actor: { subject: 'plugin:permission' } })}`;
      const linusConditions = async (permission: typeof registryRemotePromotePermission) => {
        const decision = await new RegistryTestPolicy().handle(
          { permission },
          {
            credentials: mockCredentials.user('user:default/linus'),
            info: {
              userEntityRef: 'user:default/linus',
              ownershipEntityRefs: ['user:default/linus', 'group:default/payments-team'],
            },
          },
        );
        if (decision.result !== AuthorizeResult.CONDITIONAL)
          throw new Error(`expected a conditional decision, got ${decision.result}`);
        return { resourceType: decision.resourceType, conditions: decision.conditions };
      };

      beforeEach(async () => {
        await publishFixture(server, {}, ADMIN);
        await publishFixture(server, SEARCH, ADMIN);
      });

      it("resolves a user's conditions per remote: their team's, not another's, nor one that does not exist", async () => {
        const promote = await linusConditions(registryRemotePromotePermission);
        const rollback = await linusConditions(registryRemoteRollbackPermission);
        const answer = await applyConditions(
          [
            { id: 'own', resourceRef: 'team_payments', ...promote },
            { id: 'other', resourceRef: 'team_search', ...promote },
            { id: 'missing', resourceRef: 'team_nowhere', ...promote },
            { id: 'batch', resourceRef: ['team_search', 'team_payments'], ...rollback },
          ],
          onBehalfOf('user:default/linus'),
        );
        expect(answer.status).toBe(200);
        expect(answer.body.items).toEqual([
          { id: 'own', result: AuthorizeResult.ALLOW },
          { id: 'other', result: AuthorizeResult.DENY },
          { id: 'missing', result: AuthorizeResult.DENY },
          { id: 'batch', result: [AuthorizeResult.DENY, AuthorizeResult.ALLOW] },
        ]);
      });

      it('refuses a user calling it directly, without the permission backend as actor', async () => {
        const promote = await linusConditions(registryRemotePromotePermission);
        const answer = await applyConditions([{ id: '1', resourceRef: 'team_search', ...promote }], LINUS);
        expect(answer.status).toBe(403);
      });
    });

    describe('visibility', () => {
      beforeEach(async () => {
        await publishFixture(server, {}, ADMIN);
        await promote('team_payments', '1.0.0', ADMIN);
        await publishFixture(server, SEARCH, ADMIN);
        await promote('team_search', '1.0.0', ADMIN);
        const limited = await request(server)
          .put('/api/registry/remotes/team_payments/visibility')
          .set('Authorization', ADA)
          .send({ groups: ['group:default/payments-team'] });
        expect(limited.status).toBe(200);
        expect(limited.body.visibleTo).toEqual(['group:default/payments-team']);
      });

      it('omits a remote from the manifest of users who may not see it', async () => {
        const names = async (auth: string) =>
          (await request(server).get('/api/registry/manifest').set('Authorization', auth)).body.remotes.map(
            (r: ManifestRemote) => r.name,
          );
        expect(await names(SVEN)).toEqual(['team_search']);
        expect(await names(LINUS)).toEqual(['team_payments', 'team_search']);
        expect(await names(ADA)).toEqual(['team_payments', 'team_search']);
      });

      it('answers 404 for its detail, history and files to those users', async () => {
        const paths = [
          '/api/registry/remotes/team_payments',
          '/api/registry/remotes/team_payments/history',
          '/api/registry/assets/team_payments/1.0.0/remoteEntry.js',
        ];
        for (const path of paths) {
          expect((await request(server).get(path).set('Authorization', SVEN)).status).toBe(404);
          expect((await request(server).get(path).set('Authorization', LINUS)).status).toBe(200);
        }
        const anonymous = await request(server)
          .get('/api/registry/assets/team_payments/1.0.0/remoteEntry.js')
          .set('Authorization', mockCredentials.none.header());
        expect(anonymous.status).toBe(404);
        // Browsers load files with no credentials: the manifest gives those allowed a signed URL.
        const linusManifest = await request(server).get('/api/registry/manifest').set('Authorization', LINUS);
        const signedEntry = linusManifest.body.remotes.find((r: ManifestRemote) => r.name === 'team_payments').entry;
        expect(signedEntry).toMatch(/\/assets\/team_payments\/1\.0\.0\/~s\/[^/]+\/remoteEntry\.js$/);
        const viaSignature = await request(server)
          .get(new URL(signedEntry).pathname)
          .set('Authorization', mockCredentials.none.header());
        expect(viaSignature.status).toBe(200);
        const chunk = new URL(signedEntry).pathname.replace('remoteEntry.js', 'static/js/plugin.abc123.js');
        expect((await request(server).get(chunk).set('Authorization', mockCredentials.none.header())).status).toBe(200);
        expect(viaSignature.headers['cache-control']).toBe('private, max-age=31536000, immutable');
      });

      it('rejects a forged signature by its MAC, and a genuine one on another version', async () => {
        const anonymousGet = (path: string) =>
          request(server).get(path).set('Authorization', mockCredentials.none.header());
        const linusManifest = await request(server).get('/api/registry/manifest').set('Authorization', LINUS);
        const signedEntry = new URL(
          linusManifest.body.remotes.find((r: ManifestRemote) => r.name === 'team_payments').entry,
        ).pathname;
        expect((await anonymousGet(signedEntry)).status).toBe(200);

        // Right shape, this period, this user: only the MAC is wrong.
        const [, period, who, mac] = /~s\/(\d+)\.([^./]+)\.([^./]+)\//.exec(signedEntry)!;
        const otherMac = `${mac[0] === 'A' ? 'B' : 'A'}${mac.slice(1)}`;
        const forged = signedEntry.replace(`~s/${period}.${who}.${mac}/`, `~s/${period}.${who}.${otherMac}/`);
        expect(forged).not.toBe(signedEntry);
        expect((await anonymousGet(forged)).status).toBe(404);

        // 1.0.1 exists (a reader with credentials gets its entry), but the signature is for 1.0.0.
        expect((await publishFixture(server, { version: '1.0.1', body: 'v2' }, ADMIN)).status).toBe(201);
        expect(
          (
            await request(server)
              .get('/api/registry/assets/team_payments/1.0.1/remoteEntry.js')
              .set('Authorization', LINUS)
          ).status,
        ).toBe(200);
        expect((await anonymousGet(signedEntry.replace('/1.0.0/', '/1.0.1/'))).status).toBe(404);
      });

      it('serves the files of a remote visible to everyone signed in only signed or to credentials', async () => {
        const unsigned = '/api/registry/assets/team_search/1.0.0/remoteEntry.js';
        const anonymous = await request(server).get(unsigned).set('Authorization', mockCredentials.none.header());
        const missing = await request(server)
          .get('/api/registry/assets/team_nowhere/1.0.0/remoteEntry.js')
          .set('Authorization', mockCredentials.none.header());
        expect(anonymous.status).toBe(404);
        expect(anonymous.body.error.message).toBe(missing.body.error.message.replace('team_nowhere', 'team_search'));
        expect((await request(server).get(unsigned).set('Authorization', SVEN)).status).toBe(200);
        expect((await request(server).get(unsigned).set('Authorization', ADMIN)).status).toBe(200);

        const svenManifest = await request(server).get('/api/registry/manifest').set('Authorization', SVEN);
        const entry = new URL(svenManifest.body.remotes.find((r: ManifestRemote) => r.name === 'team_search').entry);
        expect(entry.pathname).toMatch(/^\/api\/registry\/assets\/team_search\/1\.0\.0\/~s\/[^/]+\/remoteEntry\.js$/);
        const signed = await request(server).get(entry.pathname).set('Authorization', mockCredentials.none.header());
        expect(signed.status).toBe(200);
        expect(signed.headers['cache-control']).toBe('private, max-age=31536000, immutable');
        const chunk = entry.pathname.replace('remoteEntry.js', 'static/js/plugin.abc123.js');
        expect((await request(server).get(chunk).set('Authorization', mockCredentials.none.header())).status).toBe(200);
      });

      it('lets only administrators change visibility, and names bad groups', async () => {
        const refused = await request(server)
          .put('/api/registry/remotes/team_payments/visibility')
          .set('Authorization', LINUS)
          .send({ groups: [] });
        expect(refused.status).toBe(403);
        const bad = await request(server)
          .put('/api/registry/remotes/team_payments/visibility')
          .set('Authorization', ADA)
          .send({ groups: ['payments'] });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/^body\.groups\.0:/);
      });
    });

    describe('audit', () => {
      it('records every action and every refusal, for administrators to list', async () => {
        await publishFixture(server, {}, LINUS);
        await promote('team_payments', '1.0.0', LINUS);
        await publishFixture(server, { version: '1.1.0', body: 'v2' }, LINUS);
        await promote('team_payments', '1.1.0', LINUS);
        await request(server).post('/api/registry/remotes/team_payments/rollback').set('Authorization', LINUS);
        await publishFixture(server, SEARCH, LINUS); // denied: not search's owner
        await promote('team_payments', '9.9.9', LINUS); // refused: no such version

        const audit = await request(server).get('/api/registry/audit').set('Authorization', ADA);
        expect(audit.status).toBe(200);
        const rows = audit.body.entries.map((e: AuditEntry) => [
          e.action,
          e.remote,
          e.fromVersion,
          e.toVersion,
          e.outcome,
          e.actor,
        ]);
        expect(rows).toEqual([
          ['promote', 'team_payments', null, null, 'refused', 'user:default/linus'],
          ['publish', 'team_search', null, null, 'denied', 'user:default/linus'],
          ['rollback', 'team_payments', '1.1.0', '1.0.0', 'success', 'user:default/linus'],
          ['promote', 'team_payments', '1.0.0', '1.1.0', 'success', 'user:default/linus'],
          ['publish', 'team_payments', null, '1.1.0', 'success', 'user:default/linus'],
          ['promote', 'team_payments', null, '1.0.0', 'success', 'user:default/linus'],
          ['publish', 'team_payments', null, '1.0.0', 'success', 'user:default/linus'],
        ]);
        expect(audit.body.entries[0].detail).toMatch(/has no version 9\.9\.9/);
        expect(new Date(audit.body.entries[0].at).getTime()).toBeGreaterThan(Date.now() - 60_000);
      });

      it('refuses the audit trail to non-administrators', async () => {
        const response = await request(server).get('/api/registry/audit').set('Authorization', LINUS);
        expect(response.status).toBe(403);
        expect(response.body.error.message).toMatch(/^registry\.audit\.read:/);
      });

      it('decides who may read the audit trail before reading the query', async () => {
        const refused = await request(server).get('/api/registry/audit?limit=nope').set('Authorization', LINUS);
        expect(refused.status).toBe(403);
        const invalid = await request(server).get('/api/registry/audit?limit=nope').set('Authorization', ADA);
        expect(invalid.status).toBe(400);
        expect(invalid.body.error.message).toMatch(/^query\.limit:/);
      });
    });

    describe('compatibility gate', () => {
      const contract = { react: '18.3.1', 'react-dom': '18.3.1', 'react-router-dom': '6.30.6' };
      const registerContract = (shared: Record<string, string>, auth = ADA) =>
        request(server).post('/api/registry/shell-contract').set('Authorization', auth).send({ shared });

      it('refuses with 422 a remote needing versions the live shell cannot provide, storing nothing', async () => {
        expect((await registerContract(contract)).status).toBe(201);
        const response = await publishFixture(
          server,
          { shared: { react: '^19.0.0', 'react-router-dom': '^7.0.0' } },
          ADMIN,
        );
        expect(response.status).toBe(422);
        expect(response.body.error.message).toBe(
          'shared: the live shell cannot provide what team_payments@1.0.0 requires: ' +
            'react requires ^19.0.0, the shell provides 18.3.1; react-router-dom requires ^7.0.0, the shell provides 6.30.6',
        );
        expect((await request(server).get('/api/registry/remotes').set('Authorization', ADA)).body.remotes).toEqual([]);
        expect(await readdir(storage)).toEqual([]);
      });

      it('reports which live remotes a new shell contract would break', async () => {
        await registerContract(contract);
        await publishFixture(server, {}, ADMIN);
        await promote('team_payments', '1.0.0', ADMIN);
        const next = await registerContract({ ...contract, react: '19.1.0' });
        expect(next.status).toBe(201);
        expect(next.body.wouldBreak).toEqual([
          {
            remote: 'team_payments',
            version: '1.0.0',
            problems: [{ package: 'react', required: '^18.3.1', provided: '19.1.0' }],
          },
        ]);
      });

      it('lets only administrators register a contract, and checks its versions', async () => {
        expect((await registerContract(contract, LINUS)).status).toBe(403);
        const bad = await registerContract({ react: '^18' });
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/^body\.shared\.react: must be an exact semver version/);
      });
    });
  },
);
