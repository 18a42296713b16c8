import { readdir, readFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One file to put in an upload archive. */
export interface ArchiveFile {
  path: string;
  content: Buffer | string;
}

/** Packs files into the gzipped tar archive that `POST /remotes/:name/versions` takes. */
export async function packFiles(files: ArchiveFile[]): Promise<Buffer> {
  const archive = pack();
  const chunks: Buffer[] = [];
  archive.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
  const finished = new Promise<void>((resolve, reject) => {
    archive.on('end', resolve);
    archive.on('error', reject);
  });
  for (const file of files) {
    // A fixed mtime keeps archives of identical files identical.
    archive.entry({ name: file.path, mtime: new Date(0), mode: 0o644 }, file.content);
  }
  archive.finalize();
  await finished;
  return gzipSync(Buffer.concat(chunks));
}

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
  const files = await Promise.all(
    paths.map(async path => ({ path, content: await readFile(join(dir, path)) })),
  );
  const bytes = files.reduce((total, file) => total + file.content.length, 0);
  return { archive: await packFiles(files), files: files.length, bytes };
}
