import { Knex } from 'knex';
import { deleteAuditEntriesBefore, insertAuditEntry, listAuditEntries } from '../../database/operations/audit/audit';
import { AuditLog } from './types';

export function createAuditLog(options: { database: Knex; now?: () => Date }): AuditLog {
  const { database: db } = options;
  const now = options.now ?? (() => new Date());
  return {
    async record(entry) {
      await insertAuditEntry(db, {
        at: now().toISOString(),
        actor: entry.actor,
        action: entry.action,
        remote_name: entry.remote,
        from_version: entry.fromVersion,
        to_version: entry.toVersion,
        outcome: entry.outcome,
        detail: entry.detail,
      });
    },
    list(query) {
      return listAuditEntries(db, query);
    },
    removeBefore(cutoff) {
      return deleteAuditEntriesBefore(db, cutoff);
    },
  };
}
