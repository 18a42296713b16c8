import { LiveHistoryEntry } from '@portico/contract';
import { LiveHistoryRow, toLiveHistoryEntry } from '../../tables';
import { DbClient } from '../../util';

export async function insertLiveChange(db: DbClient, row: Omit<LiveHistoryRow, 'id'>): Promise<void> {
  await db('registry_live_history').insert(row);
}

/** A remote's history, newest first. */
export async function listLiveHistory(db: DbClient, name: string): Promise<LiveHistoryEntry[]> {
  const rows = await db<LiveHistoryRow>('registry_live_history').where({ remote_name: name }).orderBy('id', 'desc');
  return rows.map(toLiveHistoryEntry);
}

/**
 * The latest move that made `version` live (rollbacks excluded, so that a second rollback keeps
 * walking back instead of undoing the first).
 */
export function findArrival(db: DbClient, name: string, version: string): Promise<LiveHistoryRow | undefined> {
  return db<LiveHistoryRow>('registry_live_history')
    .where({ remote_name: name, to_version: version })
    .whereIn('kind', ['promote', 'canary-complete'])
    .orderBy('id', 'desc')
    .first();
}
