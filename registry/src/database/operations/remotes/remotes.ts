import { Knex } from 'knex';
import { RemoteRow } from '../../tables';
import { DbClient, supportsRowLocks } from '../../util';

/** The pointers a release moves. */
export type RemotePointers = Partial<Pick<RemoteRow, 'live_version' | 'canary_version' | 'canary_percent'>>;

export function findRemote(db: DbClient, name: string): Promise<RemoteRow | undefined> {
  return db<RemoteRow>('registry_remotes').where({ name }).first();
}

/**
 * Reads a remote and, on PostgreSQL, locks its row until the transaction ends, so that racing
 * releases of one remote take turns and leave one consistent history.
 */
export function lockRemote(tx: Knex.Transaction, name: string): Promise<RemoteRow | undefined> {
  const query = tx<RemoteRow>('registry_remotes').where({ name });
  return (supportsRowLocks(tx) ? query.forUpdate() : query).first();
}

export function listRemotes(db: DbClient): Promise<RemoteRow[]> {
  return db<RemoteRow>('registry_remotes').orderBy('name');
}

export function listLiveRemotes(db: DbClient): Promise<RemoteRow[]> {
  return db<RemoteRow>('registry_remotes').whereNotNull('live_version');
}

export async function insertRemote(
  db: DbClient,
  remote: { name: string; owner: string; createdBy: string; at: string },
): Promise<void> {
  await db('registry_remotes').insert({
    name: remote.name,
    owner: remote.owner,
    live_version: null,
    created_by: remote.createdBy,
    created_at: remote.at,
    updated_at: remote.at,
  });
}

export async function updateRemotePointers(db: DbClient, name: string, pointers: RemotePointers, at: string) {
  await db('registry_remotes')
    .where({ name })
    .update({ ...pointers, updated_at: at });
}

export async function updateRemoteDeprecation(
  db: DbClient,
  name: string,
  deprecation: Pick<RemoteRow, 'sunset_at' | 'deprecation_message'>,
): Promise<void> {
  await db('registry_remotes').where({ name }).update(deprecation);
}

/** Limits a remote to `groups`; none makes it visible to everyone signed in. */
export async function updateRemoteVisibility(db: DbClient, name: string, groups: string[]): Promise<void> {
  await db('registry_remotes')
    .where({ name })
    .update({ visible_to: groups.length ? JSON.stringify(groups) : null });
}
