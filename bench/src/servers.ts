/*
 * What the bench runs against: the stock app, built with webpack and served by a small static
 * server, and the portal, started with scripts/start.ts on the bench's ports.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { extname, join } from 'node:path';
import { createBuildCache, hashInputs } from '@portico/scripts/buildCache';
import { run } from '@portico/scripts/processes';
import {
  BACKEND_PORT,
  BACKEND_URL,
  ROOT,
  SHELL_PORT,
  SHELL_URL,
  STOCK_DIR,
  STOCK_PORT,
  STOCK_URL,
  log,
} from './settings';

export async function buildStockApp() {
  const cache = createBuildCache(join(ROOT, 'node_modules', '.cache', 'portico'));
  const hash = await hashInputs(ROOT, ['bench/stock-app', 'package-lock.json']);
  if (await cache.isFresh('bench-stock-app', hash, join(STOCK_DIR, 'dist', 'index.html'))) {
    log('stock app: unchanged, not rebuilt');
    return;
  }
  log('stock app: building (about a minute)');
  const started = Date.now();
  await run(
    process.execPath,
    [join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--config', 'stock-app/webpack.config.js'],
    {
      cwd: join(ROOT, 'bench'),
      label: 'build the stock app',
    },
  );
  await cache.record('bench-stock-app', hash);
  log(`stock app: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
};

/** Serves the stock app's dist folder with a single-page-app fallback and its configuration. */
export function serveStockApp(): Promise<Server> {
  const dist = join(STOCK_DIR, 'dist');
  const config = JSON.stringify({
    app: { title: 'Backstage', baseUrl: STOCK_URL },
    backend: { baseUrl: BACKEND_URL },
  });
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', STOCK_URL).pathname);
    if (path === '/bench-config.json') {
      res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(config);
      return;
    }
    const file = join(dist, path);
    const isFile =
      file.startsWith(dist) &&
      (await stat(file).then(
        s => s.isFile(),
        () => false,
      ));
    if (!isFile && extname(path) !== '') {
      res.writeHead(404).end();
      return;
    }
    const target = isFile ? file : join(dist, 'index.html');
    res.writeHead(200, {
      'Content-Type': CONTENT_TYPES[extname(target)] ?? 'application/octet-stream',
      // Like the shell's server: hashed files are immutable, the page is revalidated.
      'Cache-Control': /\.[0-9a-f]{16,}\./.test(target) ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(target).pipe(res);
  });
  return new Promise(resolveServer => server.listen(Number(STOCK_PORT), () => resolveServer(server)));
}

/** Starts the portal with the same script `npm start` uses, and resolves when it is ready. */
export async function startPortal(dataDir: string): Promise<ChildProcess> {
  const portal = spawn(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), 'scripts/start.ts'], {
    cwd: ROOT,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PORTICO_DATA_DIR: dataDir,
      PORTICO_BACKEND_PORT: BACKEND_PORT,
      PORTICO_SHELL_PORT: SHELL_PORT,
      // The stock app calls the same backend from its own origin.
      APP_CONFIG_backend_cors_origin: JSON.stringify([SHELL_URL, STOCK_URL]),
    },
  });
  let output = '';
  await new Promise<void>((resolveReady, reject) => {
    const timer = setTimeout(() => reject(new Error(`the portal did not start:\n${output.slice(-3000)}`)), 8 * 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(`Portico is running at ${SHELL_URL}`)) {
        clearTimeout(timer);
        resolveReady();
      }
    };
    portal.stdout?.on('data', onData);
    portal.stderr?.on('data', onData);
    portal.once('exit', code => {
      clearTimeout(timer);
      reject(new Error(`the portal exited with ${code}:\n${output.slice(-3000)}`));
    });
  });
  portal.removeAllListeners('exit');
  log('portal is running');
  return portal;
}

/**
 * Stops the portal if it is still running: SIGTERM to its process group (it was started detached),
 * then waits for it to exit, 10 seconds at most.
 */
export async function stopPortal(portal: ChildProcess | undefined) {
  if (portal?.pid && portal.exitCode === null) {
    const exited = new Promise(resolveExit => portal.once('exit', resolveExit));
    try {
      process.kill(-portal.pid, 'SIGTERM');
      await Promise.race([exited, new Promise(resolveWait => setTimeout(resolveWait, 10_000))]);
    } catch {
      // already gone
    }
  }
}
