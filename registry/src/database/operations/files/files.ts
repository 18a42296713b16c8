import { FileRow } from '../../tables';
import { DbClient } from '../../util';

/** Rows per insert statement: well under SQLite's limit on bound parameters. */
const FILE_INSERT_BATCH = 200;

export async function insertFiles(db: DbClient, files: FileRow[]): Promise<void> {
  if (files.length > 0) {
    await db.batchInsert('registry_files', files, FILE_INSERT_BATCH);
  }
}

export function findFile(db: DbClient, name: string, version: string, path: string): Promise<FileRow | undefined> {
  return db<FileRow>('registry_files').where({ remote_name: name, version, path }).first();
}

/** Which of `digests` some version's file points at (keep the list short: one bound parameter each). */
export async function findReferencedDigests(db: DbClient, digests: string[]): Promise<Set<string>> {
  if (digests.length === 0) {
    return new Set();
  }
  const rows = await db<FileRow>('registry_files').distinct('digest').whereIn('digest', digests);
  return new Set(rows.map(row => row.digest));
}
