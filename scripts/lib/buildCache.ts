import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';

/**
 * Hashes every file below the given inputs (files or folders), by relative path and content,
 * so a build can be skipped when nothing it reads has changed.
 */
export async function hashInputs(root: string, inputs: string[]): Promise<string> {
  const hash = createHash('sha256');
  for (const input of inputs) {
    const absolute = join(root, input);
    const files = await readdir(absolute, { recursive: true, withFileTypes: true })
      .then(entries =>
        entries
          .filter(entry => entry.isFile())
          .map(entry => join(entry.parentPath, entry.name))
          .filter(path => !path.includes('/node_modules/') && !path.includes('/dist/')),
      )
      .catch(async error => {
        if (error.code === 'ENOTDIR') return [absolute];
        if (error.code === 'ENOENT') return [];
        throw error;
      });
    for (const file of files.sort()) {
      hash
        .update(relative(root, file))
        .update('\0')
        .update(await readFile(file))
        .update('\0');
    }
  }
  return hash.digest('hex');
}

/** A stamp file per build output: the hash of the inputs it was last built from. */
export function createBuildCache(cacheDir: string) {
  const stampPath = (name: string) => join(cacheDir, `${name.replace(/[^a-z0-9_-]/gi, '_')}.hash`);
  return {
    async isFresh(name: string, hash: string, outputFile: string): Promise<boolean> {
      const stamp = await readFile(stampPath(name), 'utf8').catch(() => '');
      const outputExists = await readFile(outputFile).then(
        () => true,
        () => false,
      );
      return stamp === hash && outputExists;
    },
    async record(name: string, hash: string): Promise<void> {
      await mkdir(dirname(stampPath(name)), { recursive: true });
      await writeFile(stampPath(name), hash);
    },
  };
}
