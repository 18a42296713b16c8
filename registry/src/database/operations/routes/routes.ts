import { Knex } from 'knex';
import { RemoteRow, VersionRow } from '../../tables';
import { DbClient, supportsRowLocks } from '../../util';

/** A route a remote serves from: its live version's, or its canary version's while a canary runs. */
export interface ServedRoute {
  remote: string;
  version: string;
  track: 'live' | 'canary';
  route: string;
}

/**
 * Takes the registry's one release lock until the transaction ends. Every release holds it
 * while it checks the routes other remotes serve and moves its own pointers, so two releases of
 * different remotes cannot both find a route free and both take it. On PostgreSQL this locks the
 * single row of `registry_release_lock`; SQLite serialises writers anyway.
 */
export async function lockReleases(tx: Knex.Transaction): Promise<void> {
  if (!supportsRowLocks(tx)) return;
  const row = await tx('registry_release_lock').where({ id: 1 }).forUpdate().first('id');
  if (!row) {
    // Without its row the lock would silently lock nothing.
    throw new Error('registry_release_lock has no row; run the registry migrations');
  }
}

/**
 * Every route the remotes other than `exceptRemote` serve from, live and canary, in one query:
 * the table a release checks its target route against.
 */
export async function listServedRoutes(db: DbClient, exceptRemote: string): Promise<ServedRoute[]> {
  const rows: Array<Pick<VersionRow, 'remote_name' | 'version' | 'route'> & Pick<RemoteRow, 'live_version'>> = await db(
    'registry_remotes as r',
  )
    .join('registry_versions as v', function servedVersions() {
      this.on('v.remote_name', '=', 'r.name').andOn(function liveOrCanary() {
        this.on('v.version', '=', 'r.live_version').orOn('v.version', '=', 'r.canary_version');
      });
    })
    .whereNot('r.name', exceptRemote)
    .orderBy(['v.remote_name', 'v.version'])
    .select('v.remote_name', 'v.version', 'v.route', 'r.live_version');
  return rows.map(row => ({
    remote: row.remote_name,
    version: row.version,
    track: row.version === row.live_version ? 'live' : 'canary',
    route: row.route,
  }));
}
