// `npm start` in a remote's folder: build it, then publish it with the `portico` CLI, as a team's
// CI would. The token is PORTICO_TOKEN, or the one the local portal keeps in its data folder
// (PORTICO_DATA_DIR, default <repository>/data) after `npm start` at the root.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const remoteDir = process.cwd();

/**
 * Runs a command in the remote's folder; exits with its status if it fails.
 * @param {string} command
 * @param {string[]} args
 * @param {NodeJS.ProcessEnv} [env]
 */
function run(command, args, env = process.env) {
  const result = spawnSync(command, args, { cwd: remoteDir, stdio: 'inherit', env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function readToken() {
  if (process.env.PORTICO_TOKEN) return process.env.PORTICO_TOKEN;
  const file = join(resolve(process.env.PORTICO_DATA_DIR ?? join(root, 'data')), 'publish-token');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    console.error(`No PORTICO_TOKEN and no ${file}: start the portal (npm start at the root) or set PORTICO_TOKEN.`);
    process.exit(1);
  }
}

run(process.execPath, [join(root, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production']);
run(process.execPath, [join(root, 'cli/bin/portico.js'), 'publish', join(remoteDir, 'dist')], {
  ...process.env,
  PORTICO_TOKEN: readToken(),
});
