import { ForwardedError, ResponseError } from '@backstage/errors';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import knexFactory from 'knex';
import { stringify } from 'yaml';

const ROOT = resolve(__dirname, '../../..');
const BACKEND_DIR = join(ROOT, 'backend');
const START_TIMEOUT_MS = 120_000;

/** Where the backend keeps its state: SQLite files in its data folder, or PostgreSQL databases. */
export type PorticoDatabase = { client: 'sqlite' } | { client: 'pg'; connectionString: string };

export interface StartPorticoBackendOptions {
  database: PorticoDatabase;
  /** Configuration laid over app-config.yaml, as a further `--config` file. */
  config?: Record<string, unknown>;
  /** Fills the fresh data folder before the backend starts (TechDocs sites, say). */
  prepareDataDir?: (dataDir: string) => Promise<void>;
  /** The static token of the `portico` CLI (PORTICO_PUBLISH_TOKEN). */
  publishToken?: string;
  /** The static token Prometheus scrapes /metrics with (PORTICO_METRICS_TOKEN). */
  metricsToken?: string;
}

/** Portico's real backend (backend/src/index.ts), running in its own process. */
export interface PorticoBackend {
  baseUrl: string;
  /** Its data folder (SQLite files, registry storage); overlay paths may point inside it. */
  dataDir: string;
  publishToken: string;
  metricsToken: string;
  /** A real Backstage user token, from the development sign-in as the named catalog user. */
  signIn(user: string): Promise<string>;
  /** Everything the process printed, for failure messages. */
  output(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

async function waitUntilHealthy(baseUrl: string, child: ChildProcess, output: () => string) {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`The backend exited with ${child.exitCode} before it was ready:\n${output().slice(-6000)}`);
    }
    try {
      if ((await fetch(`${baseUrl}/healthcheck`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(done => setTimeout(done, 250));
  }
  throw new Error(`The backend was not healthy within ${START_TIMEOUT_MS / 1000} s:\n${output().slice(-6000)}`);
}

/** PostgreSQL databases the backend made (one per plugin, under a prefix of its own), dropped at the end. */
async function dropDatabases(connectionString: string, prefix: string) {
  const knex = knexFactory({ client: 'pg', connection: connectionString });
  try {
    const { rows } = await knex.raw<{ rows: Array<{ datname: string }> }>(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows) {
      await knex.raw('drop database if exists ?? with (force)', [datname]);
    }
  } finally {
    await knex.destroy();
  }
}

/**
 * Starts the backend exactly as `npm start` does (same entry point, app-config.yaml, the
 * development sign-in), on a free port, a fresh data folder and, for PostgreSQL, fresh databases.
 * Tests then talk to it over HTTP with real tokens, so every permission check goes through the
 * real permission backend and the real policy.
 */
export async function startPorticoBackend(options: StartPorticoBackendOptions): Promise<PorticoBackend> {
  const dataDir = await mkdtemp(join(tmpdir(), 'portico-backend-'));
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const publishToken = options.publishToken ?? randomBytes(24).toString('base64url');
  const metricsToken = options.metricsToken ?? randomBytes(24).toString('base64url');
  const prefix = `portico_test_${randomBytes(4).toString('hex')}_`;
  const database =
    options.database.client === 'pg'
      ? { backend: { database: { client: 'pg', connection: options.database.connectionString, prefix } } }
      : {};
  const overlays = [join(dataDir, 'app-config.test.yaml'), join(dataDir, 'app-config.database.yaml')];
  await writeFile(overlays[0], stringify(options.config ?? {}));
  await writeFile(overlays[1], stringify(database));
  await options.prepareDataDir?.(dataDir);

  let output = '';
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      'src/index.ts',
      ...[join(ROOT, 'app-config.yaml'), ...overlays].flatMap(file => ['--config', file]),
    ],
    {
      cwd: BACKEND_DIR,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'development',
        BACKSTAGE_ENV: '',
        PORTICO_DATA_DIR: dataDir,
        PORTICO_BACKEND_PORT: String(port),
        PORTICO_PUBLISH_TOKEN: publishToken,
        PORTICO_METRICS_TOKEN: metricsToken,
      },
    },
  );
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));

  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const exited = once(child, 'exit');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (options.database.client === 'pg') await dropDatabases(options.database.connectionString, prefix);
    await rm(dataDir, { recursive: true, force: true });
  };

  try {
    await waitUntilHealthy(baseUrl, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }

  return {
    baseUrl,
    dataDir,
    publishToken,
    metricsToken,
    output: () => output,
    stop,
    async signIn(user) {
      // Until the catalog has read its locations, the user is "not found": wait for it.
      const deadline = Date.now() + 60_000;
      for (;;) {
        const response = await fetch(`${baseUrl}/api/auth/development/refresh`, {
          headers: { 'x-portico-dev-user': user, 'X-Requested-With': 'XMLHttpRequest' },
        });
        if (response.ok) {
          const body = (await response.json()) as { backstageIdentity?: { token?: string } };
          const token = body.backstageIdentity?.token;
          if (token) return token;
          throw new Error(`Signing in as ${user} gave no token: ${JSON.stringify(body)}`);
        }
        if (response.status !== 404 || Date.now() > deadline) {
          throw new ForwardedError(`Signing in as ${user} failed`, await ResponseError.fromResponse(response));
        }
        await response.body?.cancel();
        await new Promise(done => setTimeout(done, 250));
      }
    },
  };
}
