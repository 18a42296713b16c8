import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { AssetStore } from './types';

const DIGEST_PATTERN = /^[0-9a-f]{96}$/;

function blobPath(directory: string, digest: string): string {
  if (!DIGEST_PATTERN.test(digest)) {
    // Digests come from our own hashing; anything else is a bug, never a path to follow.
    throw new Error(`Not a SHA-384 hex digest: ${digest}`);
  }
  return join(directory, 'blobs', digest.slice(0, 2), digest);
}

/** An AssetStore in a local folder, written atomically (temp file, then rename). */
export function createLocalAssetStore(directory: string): AssetStore {
  return {
    async put(digest, bytes) {
      const target = blobPath(directory, digest);
      const exists = await stat(target).then(
        () => true,
        () => false,
      );
      if (exists) {
        return false;
      }
      await mkdir(dirname(target), { recursive: true });
      const temporary = `${target}.${randomUUID()}.tmp`;
      await writeFile(temporary, bytes);
      await rename(temporary, target);
      return true;
    },
    open(digest) {
      return createReadStream(blobPath(directory, digest));
    },
    async remove(digest) {
      await rm(blobPath(directory, digest), { force: true });
    },
  };
}
