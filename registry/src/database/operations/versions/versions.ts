import { VersionRow } from '../../tables';
import { DbClient } from '../../util';

/** A version as a publish inserts it. */
export type NewVersionRow = Omit<VersionRow, 'sunset_at' | 'deprecation_message'>;

export function findVersion(db: DbClient, name: string, version: string): Promise<VersionRow | undefined> {
  return db<VersionRow>('registry_versions').where({ remote_name: name, version }).first();
}

/** The versions of one remote, or of every remote, oldest first. */
export function listVersions(db: DbClient, name?: string): Promise<VersionRow[]> {
  const query = db<VersionRow>('registry_versions').orderBy('published_at');
  return name ? query.where({ remote_name: name }) : query;
}

export function listVersionsOfRemotes(db: DbClient, names: string[]): Promise<VersionRow[]> {
  return db<VersionRow>('registry_versions').whereIn('remote_name', names);
}

export async function insertVersion(db: DbClient, row: NewVersionRow): Promise<void> {
  await db('registry_versions').insert(row);
}

/** Resolves the number of versions changed: 0 when the remote has no such version. */
export function updateVersionDeprecation(
  db: DbClient,
  name: string,
  version: string,
  deprecation: Pick<VersionRow, 'sunset_at' | 'deprecation_message'>,
): Promise<number> {
  return db('registry_versions').where({ remote_name: name, version }).update(deprecation);
}
