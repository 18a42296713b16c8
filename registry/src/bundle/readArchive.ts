import { InputError } from '@backstage/errors';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

/** Limits applied while unpacking an upload. */
export interface ArchiveLimits {
  maxFileBytes: number;
  maxFiles: number;
}

/**
 * Normalises an archive entry name to a relative POSIX path, refusing anything that could
 * escape the bundle: absolute paths, `..` segments, backslashes and drive letters.
 */
export function normalizeEntryPath(name: string): string {
  if (name.includes('\\') || /^[a-zA-Z]:/.test(name) || name.startsWith('/')) {
    throw new InputError(`archive: entry "${name}" has an absolute or non-POSIX path`);
  }
  const segments = name.split('/').filter(segment => segment !== '' && segment !== '.');
  if (segments.some(segment => segment === '..')) {
    throw new InputError(`archive: entry "${name}" climbs out of the bundle with ".."`);
  }
  if (segments.length === 0) {
    throw new InputError(`archive: entry "${name}" has an empty path`);
  }
  return segments.join('/');
}

/**
 * Unpacks a gzipped tar archive in memory. Only regular files and folders are accepted; every
 * rule breach is an InputError naming the entry, raised before anything is stored.
 */
export async function readArchive(archive: Buffer, limits: ArchiveLimits): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const unpack = extract();

  const done = new Promise<void>((resolve, reject) => {
    unpack.on('entry', (header, stream, next) => {
      const fail = (error: Error) => {
        stream.resume();
        reject(error);
        unpack.destroy();
      };
      try {
        if (header.type === 'directory') {
          stream.resume();
          stream.on('end', next);
          return;
        }
        if (header.type !== 'file') {
          throw new InputError(
            `archive: entry "${header.name}" is a ${header.type}; only files and folders are allowed`,
          );
        }
        const path = normalizeEntryPath(header.name);
        if (files.has(path)) {
          throw new InputError(`archive: entry "${path}" appears twice`);
        }
        if (files.size >= limits.maxFiles) {
          throw new InputError(`archive: more than ${limits.maxFiles} files`);
        }
        if ((header.size ?? 0) > limits.maxFileBytes) {
          throw new InputError(
            `archive: file "${path}" is ${header.size} bytes, over the limit of ${limits.maxFileBytes}`,
          );
        }
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: unknown) => chunks.push(chunk as Buffer));
        stream.on('end', () => {
          files.set(path, Buffer.concat(chunks));
          next();
        });
        stream.on('error', reject);
      } catch (error) {
        fail(error as Error);
      }
    });
    unpack.on('finish', resolve);
    unpack.on('error', error =>
      reject(
        error instanceof InputError
          ? error
          : new InputError(`archive: not a valid gzipped tar archive (${error.message})`),
      ),
    );
  });

  const gunzip = createGunzip();
  gunzip.on('error', error => {
    unpack.destroy(new InputError(`archive: not valid gzip data (${error.message})`));
  });
  Readable.from([archive]).pipe(gunzip).pipe(unpack);
  await done;
  return files;
}
