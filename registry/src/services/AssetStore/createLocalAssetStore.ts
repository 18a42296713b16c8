import { createReadStream } from 'node:fs';
import { copyFile, mkdir, opendir, rename, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AssetStore, StoredBlob } from './types';

const DIGEST_PATTERN = /^[0-9a-f]{96}$/;
const PREFIX_PATTERN = /^[0-9a-f]{2}$/;

function blobPath(directory: string, digest: string): string {
  if (!DIGEST_PATTERN.test(digest)) {
    // Digests come from our own hashing; anything else is a bug, never a path to follow.
    throw new Error(`Not a SHA-384 hex digest: ${digest}`);
  }
  return join(directory, 'blobs', digest.slice(0, 2), digest);
}

async function statOrUndefined(path: string) {
  return stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
}

/** Entry names of a folder, read lazily; nothing when the folder does not exist yet. */
async function* entriesOf(path: string) {
  const dir = await opendir(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (dir) {
    for await (const entry of dir) yield entry;
  }
}

/** An AssetStore in a local folder, written atomically (temp file, then rename). */
export function createLocalAssetStore(directory: string): AssetStore {
  const blobsDirectory = join(directory, 'blobs');
  return {
    async put(digest, content) {
      const target = blobPath(directory, digest);
      const existing = await statOrUndefined(target);
      const size = Buffer.isBuffer(content) ? content.length : content.size;
      if (existing?.isFile() && existing.size === size) {
        const now = new Date();
        // Renewing the time keeps a sweep from removing a blob a publish is about to point at.
        const renewed = await utimes(target, now, now).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return false;
            throw error;
          },
        );
        if (renewed) return false;
      }
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      await (Buffer.isBuffer(content) ? writeFile(temporary, content) : copyFile(content.path, temporary));
      await rename(temporary, target);
      return true;
    },
    open(digest) {
      return createReadStream(blobPath(directory, digest));
    },
    async *list(): AsyncIterable<StoredBlob> {
      for await (const prefix of entriesOf(blobsDirectory)) {
        if (!prefix.isDirectory() || !PREFIX_PATTERN.test(prefix.name)) continue;
        for await (const entry of entriesOf(join(blobsDirectory, prefix.name))) {
          // Temporary files of writes in progress are not blobs yet.
          if (!entry.isFile() || !DIGEST_PATTERN.test(entry.name)) continue;
          const info = await statOrUndefined(join(blobsDirectory, prefix.name, entry.name));
          if (info) {
            yield { digest: entry.name, size: info.size, modifiedAt: info.mtime };
          }
        }
      }
    },
    async remove(digest, { unchangedSince }) {
      const target = blobPath(directory, digest);
      const info = await statOrUndefined(target);
      if (!info || info.mtime.getTime() > unchangedSince.getTime()) {
        return false;
      }
      await rm(target, { force: true });
      return true;
    },
  };
}
