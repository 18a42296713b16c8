import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { packFiles } from '@portico/contract/archive';

/** Lists every regular file below `dir`, as POSIX paths relative to it, sorted. */
export async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter(entry => entry.isFile())
    .map(entry => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

/** Packs a built remote's folder (its dist/) for upload. */
export async function packDirectory(dir: string): Promise<{ archive: Buffer; files: number; bytes: number }> {
  const paths = await listFiles(dir);
  const files = await Promise.all(paths.map(async path => ({ path, content: await readFile(join(dir, path)) })));
  const bytes = files.reduce((total, file) => total + file.content.length, 0);
  return { archive: await packFiles(files), files: files.length, bytes };
}
