/*
 * `npm start`: the whole portal on the embedded default, the way a newcomer runs it.
 *
 * 1. Builds the shell (skipped when its inputs are unchanged) and serves it on :3000.
 * 2. Starts the Backstage backend on :7007 and waits for /healthcheck.
 * 3. Registers the shell's shared-dependency contract, then builds each remote on its own
 *    (skipped when unchanged) and publishes it into the registry with the `portico` CLI,
 *    exactly as a team's CI would.
 *
 * Environment: PORTICO_DATA_DIR (default ./data), PORTICO_BACKEND_PORT (7007),
 * PORTICO_SHELL_PORT (3000), PORTICO_PUBLISH_TOKEN and PORTICO_METRICS_TOKEN (generated and kept
 * in the data folder),
 * POSTGRES_HOST and friends (switch to PostgreSQL through app-config.production.yaml),
 * AUTH_OIDC_METADATA_URL and friends (OpenID Connect sign-in, see scripts/lib/oidcSignIn.ts).
 */
import { randomBytes } from 'node:crypto';
import { ChildProcess } from 'node:child_process';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createBuildCache, hashInputs } from './lib/buildCache';
import { readOidcSignIn } from './lib/oidcSignIn';
import { run, startService, waitForUrl } from './lib/processes';

const ROOT = resolve(__dirname, '..');
const BACKEND_START_TIMEOUT_MS = 180_000;
/** Inputs every frontend build reads besides its own folder. */
const SHARED_BUILD_INPUTS = ['contract/src', 'package-lock.json'];

const dataDir = resolve(process.env.PORTICO_DATA_DIR ?? join(ROOT, 'data'));
const backendPort = process.env.PORTICO_BACKEND_PORT ?? '7007';
const shellPort = process.env.PORTICO_SHELL_PORT ?? '3000';
const backendUrl = `http://localhost:${backendPort}`;
const shellUrl = `http://localhost:${shellPort}`;
const cache = createBuildCache(join(ROOT, 'node_modules', '.cache', 'portico'));
const children: ChildProcess[] = [];

function log(message: string) {
  process.stdout.write(`[portico] ${message}\n`);
}

/** A static token: from the environment, or generated once per data folder and kept there. */
async function readToken(variable: string, fileName: string): Promise<string> {
  if (process.env[variable]) return process.env[variable];
  const file = join(dataDir, fileName);
  const existing = await readFile(file, 'utf8').catch(() => '');
  if (existing.trim()) return existing.trim();
  const token = randomBytes(24).toString('base64url');
  await writeFile(file, token, { mode: 0o600 });
  return token;
}

/** Builds a frontend package unless nothing it reads has changed since the last build. */
async function buildIfChanged(dir: string, output: string): Promise<boolean> {
  const hash = await hashInputs(ROOT, [dir, ...SHARED_BUILD_INPUTS]);
  if (await cache.isFresh(dir, hash, join(ROOT, dir, output))) {
    log(`${dir}: unchanged, not rebuilt`);
    return false;
  }
  log(`${dir}: building`);
  const started = Date.now();
  await run('npm', ['run', 'build', '--workspace', dir], { cwd: ROOT, label: `build ${dir}` });
  await cache.record(dir, hash);
  log(`${dir}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return true;
}

function stopAll(code: number) {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
}

async function main() {
  await mkdir(dataDir, { recursive: true });
  const token = await readToken('PORTICO_PUBLISH_TOKEN', 'publish-token');
  const metricsToken = await readToken('PORTICO_METRICS_TOKEN', 'metrics-token');
  const usePostgres = Boolean(process.env.POSTGRES_HOST);
  const oidc = readOidcSignIn(process.env, {
    productionConfig: usePostgres,
    generateSecret: () => randomBytes(24).toString('base64url'),
  });
  const env = {
    ...process.env,
    PORTICO_DATA_DIR: dataDir,
    PORTICO_BACKEND_PORT: backendPort,
    PORTICO_SHELL_PORT: shellPort,
    PORTICO_PUBLISH_TOKEN: token,
    PORTICO_METRICS_TOKEN: metricsToken,
    PORTICO_BACKEND_URL: backendUrl,
  };
  if (oidc.summary) log(oidc.summary);

  await buildIfChanged('shell', 'dist/index.html');
  const shell = startService('shell', process.execPath, ['scripts/serve.mjs'], {
    cwd: join(ROOT, 'shell'),
    env: { ...env, ...oidc.shell },
  });
  children.push(shell);

  log(`starting the backend on ${backendUrl} (${usePostgres ? 'PostgreSQL' : `SQLite in ${dataDir}`})`);
  const backend = startService('backend', process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: join(ROOT, 'backend'),
    env: {
      ...env,
      ...oidc.backend,
      NODE_ENV: process.env.NODE_ENV ?? 'development',
      ...(usePostgres ? { BACKSTAGE_ENV: 'production' } : {}),
    },
  });
  children.push(backend);
  for (const child of children) {
    child.on('exit', code => {
      log(`a service stopped (exit ${code}); stopping the portal`);
      stopAll(code ?? 1);
    });
  }
  await waitForUrl(`${backendUrl}/healthcheck`, BACKEND_START_TIMEOUT_MS, () => backend.exitCode === null);
  log('backend is ready');

  const portico = (...args: string[]) =>
    run(process.execPath, [join(ROOT, 'cli/bin/portico.js'), ...args], {
      cwd: ROOT,
      env: { ...env, PORTICO_TOKEN: token },
      label: `portico ${args[0]}`,
    });
  // The shell's shared versions gate every publish that follows (422 on a mismatch).
  log((await portico('shell-contract', '--shell-dir', join(ROOT, 'shell'))).trim().split('\n').pop() ?? '');

  const remotes = (await readdir(join(ROOT, 'remotes'), { withFileTypes: true }))
    .filter(entry => entry.isDirectory())
    .map(entry => `remotes/${entry.name}`);
  for (const remote of remotes) {
    await buildIfChanged(remote, 'dist/mf-manifest.json');
    const output = await portico('publish', join(ROOT, remote, 'dist'));
    log(output.trim().split('\n').pop() ?? '');
  }

  log(`Portico is running at ${shellUrl}`);
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));
main().catch(error => {
  process.stderr.write(`[portico] ${error.message}\n`);
  stopAll(1);
});
