import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { BACKEND_URL, PUBLISH_TOKEN, ROOT } from './portal';

const execFileAsync = promisify(execFile);

/** Runs the `portico` CLI against the e2e portal, as a team's CI would. */
export async function portico(...args: string[]): Promise<string> {
  const { stdout } = await execFileAsync(process.execPath, [join(ROOT, 'cli/bin/portico.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, PORTICO_BACKEND_URL: BACKEND_URL, PORTICO_TOKEN: PUBLISH_TOKEN },
  });
  return stdout;
}

/** Runs a remote's own production build in `dir`. */
export async function buildRemote(dir: string): Promise<void> {
  await execFileAsync(process.execPath, [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production'], {
    cwd: dir,
    maxBuffer: 16 * 1024 * 1024,
  });
}
