import { ForwardedError, ResponseError } from '@backstage/errors';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';

const START_TIMEOUT_MS = 30_000;

/** What `oidcServer.mjs` is started with: its accounts (by login) and its one client. */
export interface OidcServerSetup {
  accounts: Record<string, { password: string; email: string; name: string }>;
  client: { id: string; secret: string };
}

/** A running `oidcServer.mjs`. */
export interface OidcServer {
  issuer: string;
  /** Makes `uri` the client's one redirect URI (a backend's `/api/auth/oidc/handler/frame`). */
  registerRedirectUri(uri: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts the test OpenID Connect provider (`oidcServer.mjs`, a child process because
 * `oidc-provider` is ESM only) on a free port of 127.0.0.1; resolves once it listens.
 */
export async function startOidcServer(setup: OidcServerSetup): Promise<OidcServer> {
  const child = spawn(process.execPath, [join(__dirname, 'oidcServer.mjs')], {
    env: { ...process.env, OIDC_TEST_SETUP: JSON.stringify(setup) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Its warnings (development signing keys) are only shown if it fails to start.
  let stderr = '';
  child.stderr.on('data', chunk => (stderr += chunk));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    await once(child, 'exit');
  };
  let timer: NodeJS.Timeout | undefined;
  try {
    const [line] = await Promise.race([
      once(createInterface({ input: child.stdout }), 'line') as Promise<string[]>,
      once(child, 'exit').then(([code]) =>
        Promise.reject(new Error(`The OIDC provider exited with ${code}: ${stderr}`)),
      ),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`The OIDC provider did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr}`)),
          START_TIMEOUT_MS,
        );
      }),
    ]);
    const { issuer } = JSON.parse(line) as { issuer: string };
    return {
      issuer,
      stop,
      async registerRedirectUri(uri) {
        const response = await fetch(`${issuer}/test/redirect-uri`, { method: 'POST', body: uri });
        if (!response.ok) {
          throw new ForwardedError(
            'The OIDC provider refused the redirect URI',
            await ResponseError.fromResponse(response),
          );
        }
      },
    };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
