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

/** True while some version's file points at the blob. */
export async function isDigestReferenced(db: DbClient, digest: string): Promise<boolean> {
  return (await db<FileRow>('registry_files').where({ digest }).first()) !== undefined;
}
