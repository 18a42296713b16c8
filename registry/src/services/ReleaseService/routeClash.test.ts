import { TestDatabaseId } from '@backstage/backend-test-utils';
import { resolve } from 'node:path';
import { Knex } from 'knex';
import { insertRemote } from '../../database/operations/remotes/remotes';
import { insertVersion } from '../../database/operations/versions/versions';
import { createTestDatabases } from '../../__testUtils__/databases';
import { createReleaseService } from './createReleaseService';
import { ReleaseService } from './types';

const databases = createTestDatabases();
const MIGRATIONS = resolve(__dirname, '../../../migrations');
const ACTOR = 'user:default/ada';

/** Stores a remote with versions, each on its own route: `{ '1.0.0': '/registry' }`. */
async function seed(knex: Knex, name: string, routes: Record<string, string>) {
  const at = new Date().toISOString();
  await insertRemote(knex, { name, owner: 'group:default/team', createdBy: ACTOR, at });
  for (const [version, route] of Object.entries(routes)) {
    await insertVersion(knex, {
      remote_name: name,
      version,
      source: 'upload',
      entry: 'remoteEntry.js',
      integrity: null,
      content_digest: `${name}-${version}`,
      route,
      title: name,
      description: null,
      federation_manifest: '{}',
      published_by: ACTOR,
      published_at: at,
    });
  }
}

describe.each(databases.eachSupportedId())('release route clashes on %s', (databaseId: TestDatabaseId) => {
  let knex: Knex;
  let releases: ReleaseService;

  const promote = (name: string, version: string, percent?: number) =>
    releases.promote({ name, version, percent, actor: ACTOR });
  const rollback = (name: string) => releases.rollback({ name, actor: ACTOR });
  const live = async (name: string) => (await knex('registry_remotes').where({ name }).first()).live_version;

  beforeEach(async () => {
    knex = await databases.init(databaseId);
    await knex.migrate.latest({ directory: MIGRATIONS });
    releases = createReleaseService({ database: knex });
  });

  it('refuses a route under another remote’s live route, naming that remote and its route', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/registry' });
    await seed(knex, 'team_b', { '1.0.0': '/registry/x' });
    await promote('team_a', '1.0.0');
    await expect(promote('team_b', '1.0.0')).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'route: /registry/x lies under /registry, which team_a serves (live 1.0.0)',
    });
    expect(await live('team_b')).toBeNull();
  });

  it('refuses a route above another remote’s live route', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/registry' });
    await seed(knex, 'team_b', { '1.0.0': '/registry/x/y' });
    await promote('team_b', '1.0.0');
    await expect(promote('team_a', '1.0.0')).rejects.toThrow(
      'route: /registry contains /registry/x/y, which team_b serves (live 1.0.0)',
    );
  });

  it('compares whole path segments: /pay and /payments do not overlap', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/pay' });
    await seed(knex, 'team_b', { '1.0.0': '/payments' });
    await promote('team_a', '1.0.0');
    await expect(promote('team_b', '1.0.0')).resolves.toMatchObject({ kind: 'promote', toVersion: '1.0.0' });
  });

  it('counts a running canary’s route as served, for promotes and for other canaries', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/alpha', '2.0.0': '/beta' });
    await seed(knex, 'team_b', { '1.0.0': '/beta/inner', '2.0.0': '/gamma', '3.0.0': '/beta' });
    await promote('team_a', '1.0.0');
    await promote('team_a', '2.0.0', 10);
    await expect(promote('team_b', '1.0.0')).rejects.toThrow(
      'route: /beta/inner lies under /beta, which team_a serves (canary 2.0.0)',
    );
    await promote('team_b', '2.0.0');
    await expect(promote('team_b', '3.0.0', 10)).rejects.toThrow(
      'route: /beta is already served by team_a (canary 2.0.0)',
    );
    // Once the canary is cancelled its route is free again.
    await rollback('team_a');
    await expect(promote('team_b', '3.0.0', 10)).resolves.toMatchObject({ kind: 'canary-start' });
  });

  it('refuses to start or complete a canary on a route another remote serves live', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/alpha', '2.0.0': '/beta/sub' });
    await seed(knex, 'team_b', { '1.0.0': '/gamma', '2.0.0': '/beta' });
    await promote('team_a', '1.0.0');
    await promote('team_b', '1.0.0');
    await promote('team_b', '2.0.0', 50);
    await expect(promote('team_a', '2.0.0', 10)).rejects.toThrow(
      'route: /beta/sub lies under /beta, which team_b serves (canary 2.0.0)',
    );
    await expect(promote('team_a', '2.0.0')).rejects.toThrow(/^route: \/beta\/sub lies under \/beta, which team_b/);
    // team_b completes its own canary: moving between its own routes never clashes.
    await expect(promote('team_b', '2.0.0')).resolves.toMatchObject({ kind: 'canary-complete' });
  });

  it('lets a remote move between its own live and canary routes, nested or not', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/registry', '2.0.0': '/registry/v2', '3.0.0': '/registry' });
    await promote('team_a', '1.0.0');
    await expect(promote('team_a', '2.0.0', 20)).resolves.toMatchObject({ kind: 'canary-start' });
    await expect(promote('team_a', '2.0.0')).resolves.toMatchObject({ kind: 'canary-complete' });
    await expect(promote('team_a', '3.0.0')).resolves.toMatchObject({ kind: 'promote' });
    await expect(rollback('team_a')).resolves.toMatchObject({ kind: 'rollback', toVersion: '2.0.0' });
  });

  it('refuses a rollback to a version whose route another remote took since', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/docs', '2.0.0': '/handbook' });
    await seed(knex, 'team_b', { '1.0.0': '/docs/api' });
    await promote('team_a', '1.0.0');
    await promote('team_a', '2.0.0');
    await promote('team_b', '1.0.0');
    await expect(rollback('team_a')).rejects.toMatchObject({
      name: 'ConflictError',
      message: 'route: /docs contains /docs/api, which team_b serves (live 1.0.0)',
    });
    expect(await live('team_a')).toBe('2.0.0');
  });

  it('refuses a route reserved for the shell or the backend that an older version was published with', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/api/things' });
    await expect(promote('team_a', '1.0.0')).rejects.toThrow(/^route: \/api\/things is reserved for the shell/);
  });

  it('lets exactly one of two racing promotes onto overlapping routes of different remotes succeed', async () => {
    await seed(knex, 'team_a', { '1.0.0': '/shared' });
    await seed(knex, 'team_b', { '1.0.0': '/shared/inner' });
    const rounds = 40;
    for (let round = 0; round < rounds; round++) {
      const results = await Promise.allSettled([promote('team_a', '1.0.0'), promote('team_b', '1.0.0')]);
      const succeeded = results.filter(result => result.status === 'fulfilled');
      const refused = results.flatMap(result => (result.status === 'rejected' ? [result.reason] : []));
      expect({ round, succeeded: succeeded.length }).toEqual({ round, succeeded: 1 });
      expect(refused[0]).toMatchObject({ name: 'ConflictError', message: expect.stringMatching(/^route: \/shared/) });
      const serving = await knex('registry_remotes').whereNotNull('live_version').pluck('name');
      expect(serving).toHaveLength(1);
      await knex('registry_remotes').update({ live_version: null });
    }
  });
});
