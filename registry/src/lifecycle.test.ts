import { mockCredentials, TestDatabaseId } from '@backstage/backend-test-utils';
import { mkdtemp, rm } from 'node:fs/promises';
import { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Knex } from 'knex';
import request from 'supertest';
import type { LiveHistoryEntry } from '@portico/contract';
import { canaryBucket } from './services/ManifestService/canary';
import { createTestDatabases } from './__testUtils__/databases';
import { RemoteFixtureOptions } from './__testUtils__/remoteFixture';
import { ADMIN_SERVICE_SUBJECT, publishFixture, serviceHeader, startRegistry } from './__testUtils__/startRegistry';

const databases = createTestDatabases();
const ADMIN = serviceHeader(ADMIN_SERVICE_SUBJECT);
const asUser = (name: string) => mockCredentials.user.header(`user:default/${name}`);

/** Users on either side of a canary at `percent`% for team_payments. */
function usersAroundCanary(percent: number) {
  const users = Array.from({ length: 200 }, (_, i) => `user${i}`);
  const inside = users.find(user => canaryBucket(`user:default/${user}`, 'team_payments') < percent)!;
  const outside = users.find(user => canaryBucket(`user:default/${user}`, 'team_payments') >= percent)!;
  return { inside, outside };
}

describe.each(databases.eachSupportedId())('release lifecycle on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let storage: string;
  let server: Server;

  const publish = (fixture: RemoteFixtureOptions) => publishFixture(server, fixture, ADMIN);
  const promote = (version: string, percent?: number, name = 'team_payments') =>
    request(server)
      .post(`/api/registry/remotes/${name}/promote`)
      .set('Authorization', ADMIN)
      .send(percent === undefined ? { version } : { version, percent });
  const rollback = (name = 'team_payments') =>
    request(server).post(`/api/registry/remotes/${name}/rollback`).set('Authorization', ADMIN);
  const manifestFor = async (user: string) =>
    (await request(server).get('/api/registry/manifest').set('Authorization', asUser(user))).body.remotes;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    storage = await mkdtemp(join(tmpdir(), 'portico-lifecycle-'));
    server = await startRegistry({ knex, storage });
    for (const [version, body] of [
      ['1.0.0', 'v1'],
      ['1.1.0', 'v2'],
      ['1.2.0', 'v3'],
    ]) {
      expect((await publish({ version, body })).status).toBe(201);
    }
  });

  afterEach(() => rm(storage, { recursive: true, force: true }));

  it('rolls back to the previous live version, and again to the one before', async () => {
    await promote('1.0.0');
    await promote('1.1.0');
    await promote('1.2.0');
    let response = await rollback();
    expect(response.status).toBe(200);
    expect(response.body.liveVersion).toBe('1.1.0');
    response = await rollback();
    expect(response.body.liveVersion).toBe('1.0.0');
    expect((await manifestFor('ada'))[0].version).toBe('1.0.0');

    const refused = await rollback();
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/is the first live version; there is nothing to roll back to/);
  });

  it('treats promoting the live version again as a no-op that rollback does not see', async () => {
    await promote('1.0.0');
    await promote('1.1.0');
    expect((await promote('1.1.0')).status).toBe(200);
    expect((await rollback()).body.liveVersion).toBe('1.0.0');
  });

  it('keeps the history of every move with who made it', async () => {
    await promote('1.0.0');
    await promote('1.2.0');
    await rollback();
    const history = await request(server)
      .get('/api/registry/remotes/team_payments/history')
      .set('Authorization', ADMIN);
    expect(history.body.history.map((h: LiveHistoryEntry) => [h.kind, h.fromVersion, h.toVersion, h.actor])).toEqual([
      ['rollback', '1.2.0', '1.0.0', ADMIN_SERVICE_SUBJECT],
      ['promote', '1.0.0', '1.2.0', ADMIN_SERVICE_SUBJECT],
      ['promote', null, '1.0.0', ADMIN_SERVICE_SUBJECT],
    ]);
  });

  it('serves a canary to its share of users, sticky per user, and says which track', async () => {
    await promote('1.0.0');
    const started = await promote('1.1.0', 30);
    expect(started.status).toBe(200);
    expect(started.body.canary).toEqual({ version: '1.1.0', percent: 30 });
    expect(started.body.liveVersion).toBe('1.0.0');

    const { inside, outside } = usersAroundCanary(30);
    for (let i = 0; i < 3; i++) {
      expect(await manifestFor(inside)).toEqual([expect.objectContaining({ version: '1.1.0', track: 'canary' })]);
      expect(await manifestFor(outside)).toEqual([expect.objectContaining({ version: '1.0.0', track: 'stable' })]);
    }
  });

  it('completes a canary when raised to 100%', async () => {
    await promote('1.0.0');
    await promote('1.1.0', 10);
    const completed = await promote('1.1.0', 100);
    expect(completed.body.liveVersion).toBe('1.1.0');
    expect(completed.body.canary).toBeUndefined();
    const { inside, outside } = usersAroundCanary(10);
    for (const user of [inside, outside]) {
      expect(await manifestFor(user)).toEqual([expect.objectContaining({ version: '1.1.0', track: 'stable' })]);
    }
    // Rolling back a completed canary returns to the version before it.
    expect((await rollback()).body.liveVersion).toBe('1.0.0');
  });

  it('cancels a canary on rollback, leaving the live version alone', async () => {
    await promote('1.0.0');
    await promote('1.1.0', 50);
    const cancelled = await rollback();
    expect(cancelled.body.canary).toBeUndefined();
    expect(cancelled.body.liveVersion).toBe('1.0.0');
    const { inside } = usersAroundCanary(50);
    expect((await manifestFor(inside))[0]).toMatchObject({ version: '1.0.0', track: 'stable' });
  });

  it('refuses a canary with nothing live, or of the live version itself', async () => {
    const early = await promote('1.1.0', 20);
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/^percent: team_payments has no live version yet/);
    await promote('1.0.0');
    const same = await promote('1.0.0', 20);
    expect(same.status).toBe(409);
  });

  it('refuses a percentage outside 1-100, naming the field', async () => {
    const response = await promote('1.1.0', 150);
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.percent:/);
  });

  it('carries a deprecation in the manifest and refuses promotion after the sunset', async () => {
    await promote('1.0.0');
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    const deprecated = await request(server)
      .post('/api/registry/remotes/team_payments/deprecate')
      .set('Authorization', ADMIN)
      .send({ version: '1.0.0', sunset: soon, message: 'Moving to 1.2' });
    expect(deprecated.status).toBe(200);
    expect((await manifestFor('ada'))[0].deprecation).toEqual({ sunset: soon, message: 'Moving to 1.2' });

    await request(server)
      .post('/api/registry/remotes/team_payments/deprecate')
      .set('Authorization', ADMIN)
      .send({ version: '1.1.0', sunset: '2020-01-01T00:00:00Z' });
    const refused = await promote('1.1.0');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^version: team_payments@1\.1\.0 passed its sunset of 2020-01-01/);
    expect((await promote('1.2.0')).status).toBe(200);
  });

  it('deprecates a whole remote: no version of it can be promoted after the sunset', async () => {
    await promote('1.0.0');
    await request(server)
      .post('/api/registry/remotes/team_payments/deprecate')
      .set('Authorization', ADMIN)
      .send({ sunset: '2020-01-01' });
    const refused = await promote('1.2.0');
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^remote: team_payments was deprecated/);
    expect((await manifestFor('ada'))[0].deprecation.sunset).toBe('2020-01-01T00:00:00.000Z');
  });

  it('refuses a malformed sunset, naming the field', async () => {
    const response = await request(server)
      .post('/api/registry/remotes/team_payments/deprecate')
      .set('Authorization', ADMIN)
      .send({ sunset: 'next tuesday' });
    expect(response.status).toBe(400);
    expect(response.body.error.message).toMatch(/^body\.sunset:/);
  });

  it('ends racing promotes in one consistent state: every move starts where the last one ended', async () => {
    await promote('1.0.0');
    const versions = ['1.1.0', '1.2.0', '1.0.0'];
    const responses = await Promise.all(Array.from({ length: 12 }, (_, i) => promote(versions[i % 3])));
    expect(responses.map(r => r.status)).toEqual(Array(12).fill(200));

    const history = (
      await request(server).get('/api/registry/remotes/team_payments/history').set('Authorization', ADMIN)
    ).body.history.reverse();
    // Promoting what is already live records nothing, so some of the 12 may not appear.
    expect(history.length).toBeGreaterThan(2);
    expect(history.length).toBeLessThanOrEqual(13);
    for (let i = 1; i < history.length; i++) {
      expect(history[i].fromVersion).toBe(history[i - 1].toVersion);
    }
    const remote = await request(server).get('/api/registry/remotes/team_payments').set('Authorization', ADMIN);
    expect(remote.body.liveVersion).toBe(history[history.length - 1].toVersion);
  });
});
