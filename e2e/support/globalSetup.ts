import { spawn } from 'node:child_process';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join, relative } from 'node:path';
import {
  BACKEND_PORT,
  BACKEND_SETTINGS,
  BACKEND_URL,
  DATA_DIR,
  E2E_TMP,
  PUBLISH_TOKEN,
  ROOT,
  SHELL_PORT,
  SHELL_SETTINGS,
  SHELL_URL,
} from './portal';
import { findChromium } from './chromium';
import { OIDC_CLIENT, OIDC_TITLE, startOidcProvider } from './oidcProvider';

const READY_LINE = `Portico is running at ${SHELL_URL}`;
const START_TIMEOUT_MS = 6 * 60_000;

/**
 * Starts the whole portal with the same script `npm start` uses (builds, backend, shell, and
 * publishing every remote through the registry), on a fresh data folder, and stops it after.
 * An OpenID Connect provider starts first: the backend reads its metadata when it starts, and
 * `npm start` then offers OIDC sign-in next to the development sign-in.
 */
export default async function globalSetup() {
  findChromium();
  await rm(E2E_TMP, { recursive: true, force: true });
  await mkdir(DATA_DIR, { recursive: true });
  // Remotes the tests copy and build in E2E_TMP resolve their packages from the repository's
  // node_modules; outside the repository (PORTICO_E2E_TMP=/tmp/...) they need a link to it.
  if (relative(ROOT, E2E_TMP).startsWith('..')) {
    await symlink(join(ROOT, 'node_modules'), join(E2E_TMP, 'node_modules'), 'dir');
  }

  const idp = await startOidcProvider();
  try {
    await idp.registerRedirectUri(`${BACKEND_URL}/api/auth/oidc/handler/frame`);
    const stopPortal = await startPortal({
      AUTH_OIDC_METADATA_URL: `${idp.issuer}/.well-known/openid-configuration`,
      AUTH_OIDC_CLIENT_ID: OIDC_CLIENT.id,
      AUTH_OIDC_CLIENT_SECRET: OIDC_CLIENT.secret,
      PORTICO_OIDC_TITLE: OIDC_TITLE,
    });
    return async () => {
      stopPortal();
      await idp.stop();
    };
  } catch (error) {
    await idp.stop();
    throw error;
  }
}

/** Starts the portal with `npm start`'s script; resolves when it is ready, with a way to stop it. */
async function startPortal(extraEnv: Record<string, string>): Promise<() => void> {
  const portal = spawn('npx', ['tsx', 'scripts/start.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORTICO_DATA_DIR: DATA_DIR,
      PORTICO_BACKEND_PORT: BACKEND_PORT,
      PORTICO_SHELL_PORT: SHELL_PORT,
      PORTICO_PUBLISH_TOKEN: PUBLISH_TOKEN,
      ...SHELL_SETTINGS,
      ...BACKEND_SETTINGS,
      ...extraEnv,
    },
  });
  const stop = () => {
    if (portal.pid) {
      try {
        process.kill(-portal.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
  };
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`The portal did not start within ${START_TIMEOUT_MS / 1000} s:\n${output.slice(-4000)}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (process.env.PORTICO_E2E_VERBOSE) process.stdout.write(chunk);
      if (output.includes(READY_LINE)) {
        clearTimeout(timer);
        resolve();
      }
    };
    portal.stdout.on('data', onData);
    portal.stderr.on('data', onData);
    portal.on('exit', code => {
      clearTimeout(timer);
      reject(new Error(`The portal exited with ${code} before it was ready:\n${output.slice(-4000)}`));
    });
  });
  portal.removeAllListeners('exit');
  return stop;
}
