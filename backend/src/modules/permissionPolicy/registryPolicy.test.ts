import { mockCredentials } from '@backstage/backend-test-utils';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import {
  createTestDatabases,
  publishFixture,
  serviceHeader,
  startRegistry,
} from '@portico/plugin-registry-backend/testUtils';
import { PorticoPermissionPolicy } from './PorticoPermissionPolicy';
import { appConfigPolicy } from './__testUtils__/appConfigPolicy';

/**
 * The real policy (app-config.yaml's portico.permissions) deciding the real registry plugin: the
 * registry applies the policy's conditional decisions to each remote.
 */
// At the top level, so that the databases close after the backends stop (see devSignIn.test.ts).
const databases = createTestDatabases();

describe('Portico policy with the registry', () => {
  let storage: string;

  beforeEach(async () => {
    storage = await mkdtemp(join(tmpdir(), 'portico-policy-'));
  });
  afterEach(() => rm(storage, { recursive: true, force: true }));

  it('lets owners change their remote, hides restricted remotes, and lets admins do anything', async () => {
    const server = await startRegistry({
      knex: await databases.init('SQLITE_3'),
      storage,
      policy: new PorticoPermissionPolicy(appConfigPolicy()),
    });
    const linus = mockCredentials.user.header('user:default/linus');
    const sven = mockCredentials.user.header('user:default/sven');
    const ada = mockCredentials.user.header('user:default/ada');

    expect((await publishFixture(server, {}, linus)).status).toBe(201);
    const promote = (auth: string) =>
      request(server)
        .post('/api/registry/remotes/team_payments/promote')
        .set('Authorization', auth)
        .send({ version: '1.0.0' });
    expect((await promote(sven)).status).toBe(403);
    expect((await promote(linus)).status).toBe(200);

    const hide = await request(server)
      .put('/api/registry/remotes/team_payments/visibility')
      .set('Authorization', ada)
      .send({ groups: ['group:default/payments-team'] });
    expect(hide.status).toBe(200);
    const manifest = async (auth: string) =>
      (await request(server).get('/api/registry/manifest').set('Authorization', auth)).body.remotes.length;
    expect(await manifest(sven)).toBe(0);
    expect(await manifest(linus)).toBe(1);
    expect((await request(server).get('/api/registry/audit').set('Authorization', sven)).status).toBe(403);
    expect((await request(server).get('/api/registry/audit').set('Authorization', ada)).status).toBe(200);
    expect((await publishFixture(server, { version: '1.1.0' }, serviceHeader('external:ci-payments'))).status).toBe(
      201,
    );
  });
});
