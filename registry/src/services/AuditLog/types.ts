import { AuditEntry } from '@portico/contract';

/** One registry action as it is recorded; the log adds the id and the time. */
export type AuditRecord = Omit<AuditEntry, 'id' | 'at'>;

/** The registry's own audit trail, in its database (Backstage's auditor gets the same events). */
export interface AuditLog {
  record(entry: AuditRecord): Promise<void>;
  /** The newest `limit` entries, of one remote or of all, newest first. */
  list(options: { limit: number; remote?: string }): Promise<AuditEntry[]>;
  /** Deletes the entries recorded before `cutoff`; resolves how many went. */
  removeBefore(cutoff: Date): Promise<number>;
}
