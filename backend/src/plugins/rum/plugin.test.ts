import { mockCredentials, mockServices, startTestBackend, TestDatabaseId } from '@backstage/backend-test-utils';
import registryPlugin from '@portico/plugin-registry-backend';
import {
  ADMIN_SERVICE_ACTIONS,
  ADMIN_SERVICE_SUBJECT,
  createTestDatabases,
  MEMBERSHIPS,
  policyPermissionsFactory,
  publishFixture,
  RegistryTestPolicy,
  serviceHeader,
} from '@portico/plugin-registry-backend/testUtils';
import { mkdtemp, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { metricsPlugin } from '../metrics';
import { rumPlugin } from './plugin';

/**
 * The rum plugin with the registry plugin beside it in one test backend, on each database the
 * registry runs on: the plugin asks that registry over HTTP which versions are served and which
 * remotes a user may see, as it does in Portico's backend.
 */
const databases = createTestDatabases();
const ADMIN = serviceHeader(ADMIN_SERVICE_SUBJECT);
const load = { remote: 'team_payments', version: '1.0.0', durationMs: 120, outcome: 'ok' };
/** Restricted to the search team: Linus (payments-team) may not see it, Sven (search-team) may. */
const SEARCH = { name: 'team_search', route: '/search', title: 'Search', owner: 'group:default/search-team' };

describe.each(databases.eachSupportedId())('rumPlugin on %s', (databaseId: TestDatabaseId) => {
  let server: Server;
  let storage: string;

  beforeEach(async () => {
    storage = await mkdtemp(join(tmpdir(), 'portico-rum-'));
    ({ server } = await startTestBackend({
      features: [
        rumPlugin,
        metricsPlugin,
        registryPlugin,
        mockServices.database.factory({ knex: await databases.init(databaseId) }),
        policyPermissionsFactory(new RegistryTestPolicy(), MEMBERSHIPS),
        mockServices.rootConfig.factory({
          data: {
            registry: {
              storage: { directory: storage },
              serviceAccounts: [{ subject: ADMIN_SERVICE_SUBJECT, owns: '*', actions: ADMIN_SERVICE_ACTIONS }],
            },
          },
        }),
      ],
    }));
    // team_payments: 1.0.0 live, 1.1.0 in canary, 1.2.0 published only.
    for (const version of ['1.0.0', '1.1.0', '1.2.0']) {
      expect((await publishFixture(server, { version, body: version }, ADMIN)).status).toBe(201);
    }
    await registryCall('team_payments', 'promote', { version: '1.0.0' }).expect(200);
    await registryCall('team_payments', 'promote', { version: '1.1.0', percent: 10 }).expect(200);
  });

  afterEach(() => rm(storage, { recursive: true, force: true }));

  function registryCall(name: string, action: string, body: object) {
    return request(server).post(`/api/registry/remotes/${name}/${action}`).set('Authorization', ADMIN).send(body);
  }

  function beacon(body: unknown) {
    return request(server)
      .post('/api/rum/beacon')
      .set('Content-Type', 'text/plain;charset=UTF-8')
      .send(typeof body === 'string' ? body : JSON.stringify(body));
  }

  function summary(authorization: string) {
    return request(server).get('/api/rum/remote-loads').set('Authorization', authorization);
  }

  it('records a beacon carrying a user token and summarises it per remote version', async () => {
    const token = mockCredentials.user.token('user:default/ada');
    const loads = [
      load,
      { ...load, durationMs: 80 },
      { ...load, outcome: 'error', code: 'PORTICO_REMOTE_TIMEOUT', durationMs: 15000 },
    ];
    const posted = await beacon({ token, loads });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 3, dropped: 0 });

    const answer = await summary(mockCredentials.user.header('user:default/ada'));
    expect(answer.status).toBe(200);
    expect(answer.body.remotes).toEqual([
      {
        remote: 'team_payments',
        version: '1.0.0',
        loads: 3,
        errors: 1,
        p50Ms: expect.any(Number),
        p95Ms: expect.any(Number),
      },
    ]);
    // Both successful loads fall in the (75, 100] and (100, 150] buckets.
    expect(answer.body.remotes[0].p50Ms).toBeGreaterThan(75);
    expect(answer.body.remotes[0].p95Ms).toBeLessThanOrEqual(150);
  });

  it('exposes the histogram and the error counter at /metrics in Prometheus format', async () => {
    await beacon({
      token: mockCredentials.user.token(),
      loads: [load, { ...load, outcome: 'error', code: 'PORTICO_REMOTE_ENTRY_NOT_FOUND' }],
    });
    const metrics = await request(server).get('/metrics').set('Authorization', mockCredentials.service.header());
    expect(metrics.status).toBe(200);
    expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
    expect(metrics.text).toContain('# TYPE portico_remote_load_ms histogram');
    expect(metrics.text).toContain(
      'portico_remote_load_ms_bucket{le="150",remote="team_payments",version="1.0.0",outcome="ok"} 1',
    );
    expect(metrics.text).toContain(
      'portico_remote_load_errors_total{remote="team_payments",version="1.0.0",code="PORTICO_REMOTE_ENTRY_NOT_FOUND"} 1',
    );
    expect(metrics.text).toContain('process_cpu_seconds_total');
  });

  it('records only versions the registry serves (live or canary), and counts the others it drops', async () => {
    const forged = [
      { ...load, version: '1.2.0' }, // published, never promoted
      { ...load, version: '9.9.9' }, // never published
      { ...load, remote: 'team_ghost' }, // no such remote
    ];
    const posted = await beacon({
      token: mockCredentials.user.token(),
      loads: [load, { ...load, version: '1.1.0' }, ...forged],
    });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 2, dropped: 3 });
    const versions = (await summary(mockCredentials.service.header())).body.remotes.map(
      (entry: { remote: string; version: string }) => `${entry.remote}@${entry.version}`,
    );
    expect(versions).toEqual(['team_payments@1.0.0', 'team_payments@1.1.0']);
    const metrics = await request(server).get('/metrics').set('Authorization', mockCredentials.service.header());
    expect(metrics.text).toContain('portico_remote_load_reports_dropped_total{reason="not_served"} 3');
    expect(metrics.text).not.toMatch(/version="(1\.2\.0|9\.9\.9)"|team_ghost/);
  });

  it('records a version promoted after the plugin last asked the registry', async () => {
    const token = mockCredentials.user.token();
    expect((await publishFixture(server, SEARCH, ADMIN, 'team_search')).status).toBe(201);
    const searchLoad = { ...load, remote: 'team_search' };
    expect((await beacon({ token, loads: [load, searchLoad] })).body).toEqual({ accepted: 1, dropped: 1 });
    await registryCall('team_search', 'promote', { version: '1.0.0' }).expect(200);
    // Within a second the plugin does not ask again; after it, an unknown version makes it ask.
    await new Promise(resolve => setTimeout(resolve, 1_100));
    expect((await beacon({ token, loads: [searchLoad] })).body).toEqual({ accepted: 1, dropped: 0 });
  });

  it("refuses an error code that is not one of the shell's, naming the field", async () => {
    const made = await beacon({
      token: mockCredentials.user.token(),
      loads: [{ ...load, outcome: 'error', code: 'PORTICO_MADE_UP_BY_SOMEONE' }],
    });
    expect(made.status).toBe(400);
    expect(made.body.error.message).toMatch(/loads\.0\.code.*PORTICO_REMOTE_TIMEOUT/);
    const metrics = await request(server).get('/metrics').set('Authorization', mockCredentials.service.header());
    expect(metrics.text).not.toContain('PORTICO_MADE_UP_BY_SOMEONE');
  });

  it('answers 429 past 60 beacons a minute from one user, and goes on taking other users', async () => {
    const linus = mockCredentials.user.token('user:default/linus');
    for (let sent = 0; sent < 60; sent++) {
      expect((await beacon({ token: linus, loads: [load] })).status).toBe(202);
    }
    const refused = await beacon({ token: linus, loads: [load] });
    expect(refused.status).toBe(429);
    expect(refused.body.error.message).toBe('token: at most 60 beacons a minute per user');
    expect((await beacon({ token: mockCredentials.user.token('user:default/sven'), loads: [load] })).status).toBe(202);
    const [payments] = (await summary(mockCredentials.service.header())).body.remotes;
    expect(payments.loads).toBe(61);
  });

  it('summarises for each caller only the remotes they may read', async () => {
    expect((await publishFixture(server, SEARCH, ADMIN, 'team_search')).status).toBe(201);
    await registryCall('team_search', 'promote', { version: '1.0.0' }).expect(200);
    await request(server)
      .put('/api/registry/remotes/team_search/visibility')
      .set('Authorization', ADMIN)
      .send({ groups: ['group:default/search-team'] })
      .expect(200);
    const posted = await beacon({
      token: mockCredentials.user.token('user:default/sven'),
      loads: [load, { ...load, remote: 'team_search' }],
    });
    expect(posted.body).toEqual({ accepted: 2, dropped: 0 });

    const remotesOf = async (authorization: string) =>
      (await summary(authorization)).body.remotes.map((entry: { remote: string }) => entry.remote);
    expect(await remotesOf(mockCredentials.user.header('user:default/linus'))).toEqual(['team_payments']);
    expect(await remotesOf(mockCredentials.user.header('user:default/sven'))).toEqual(['team_payments', 'team_search']);
    expect(await remotesOf(mockCredentials.service.header())).toEqual(['team_payments', 'team_search']);
    const asked = await request(server)
      .get('/api/rum/remote-loads?remote=team_search')
      .set('Authorization', mockCredentials.user.header('user:default/linus'));
    expect(asked.status).toBe(200);
    expect(asked.body.remotes).toEqual([]);
  });

  it('refuses a beacon with a forged token (401) or a service token (403)', async () => {
    expect((await beacon({ token: mockCredentials.user.invalidToken(), loads: [load] })).status).toBe(401);
    expect((await beacon({ token: mockCredentials.service.token(), loads: [load] })).status).toBe(403);
  });

  it('refuses malformed beacons with 400, naming the field', async () => {
    const token = mockCredentials.user.token();
    const notJson = await beacon('not json');
    expect(notJson.status).toBe(400);
    const badName = await beacon({ token, loads: [{ ...load, remote: 'team-payments' }] });
    expect(badName.status).toBe(400);
    expect(badName.body.error.message).toContain('loads.0.remote');
    const noCode = await beacon({ token, loads: [{ ...load, outcome: 'error' }] });
    expect(noCode.body.error.message).toContain('loads.0.code');
    const tooMany = await beacon({ token, loads: Array.from({ length: 21 }, () => load) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain('loads');
  });

  it('refuses a body over 16 KiB', async () => {
    const response = await beacon({ token: mockCredentials.user.token(), loads: [load], padding: 'x'.repeat(20_000) });
    expect(response.status).toBe(413);
  });

  it('answers the summary to signed-in users and services only', async () => {
    const anonymous = await summary(mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
    const service = await summary(mockCredentials.service.header());
    expect(service.status).toBe(200);
    expect(service.body.remotes).toEqual([]);
  });
});
