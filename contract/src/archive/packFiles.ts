import { gzipSync } from 'node:zlib';
import { pack } from 'tar-stream';

/** One file to put in an upload archive. */
export interface ArchiveFile {
  /** POSIX path relative to the remote's dist folder, such as `static/js/plugin.js`. */
  path: string;
  content: Buffer | string;
}

/**
 * Packs files into the gzipped tar archive that `POST /api/registry/remotes/:name/versions`
 * takes. Identical files give identical archives, so a repeated upload is recognised as such.
 */
export async function packFiles(files: ArchiveFile[]): Promise<Buffer<ArrayBuffer>> {
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
