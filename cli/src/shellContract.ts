import { sharedSingletons } from '@portico/contract';
import { readFile } from 'node:fs/promises';

/**
 * The shell's shared-dependency contract: the exact version of each shared singleton that the
 * shell in `shellDir` is built with, read from the packages it resolves.
 */
export async function readShellContract(shellDir: string): Promise<Record<string, string>> {
  const contract: Record<string, string> = {};
  for (const name of Object.keys(sharedSingletons)) {
    const packageJsonPath = require.resolve(`${name}/package.json`, { paths: [shellDir] });
    contract[name] = JSON.parse(await readFile(packageJsonPath, 'utf8')).version;
  }
  return contract;
}
