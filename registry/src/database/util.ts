import { Knex } from 'knex';

/** The database or a transaction in it: every operation runs in either. */
export type DbClient = Knex | Knex.Transaction;

/** PostgreSQL takes row locks; SQLite serialises writers anyway and only warns about them. */
export function supportsRowLocks(db: DbClient): boolean {
  return String(db.client.config.client).startsWith('pg');
}
