import { AuditEntry } from '@portico/contract';
import { AuditRow, toAuditEntry } from '../../tables';
import { DbClient } from '../../util';

export async function insertAuditEntry(db: DbClient, row: Omit<AuditRow, 'id'>): Promise<void> {
  await db('registry_audit').insert(row);
}

/** The newest `limit` entries, of one remote or of all. */
export async function listAuditEntries(
  db: DbClient,
  options: { limit: number; remote?: string },
): Promise<AuditEntry[]> {
  const query = db<AuditRow>('registry_audit').orderBy('id', 'desc').limit(options.limit);
  const rows = await (options.remote ? query.where({ remote_name: options.remote }) : query);
  return rows.map(toAuditEntry);
}

/** Deletes the entries recorded before `cutoff`; resolves how many went. */
export async function deleteAuditEntriesBefore(db: DbClient, cutoff: Date): Promise<number> {
  return db<AuditRow>('registry_audit').where('at', '<', cutoff.toISOString()).delete();
}
