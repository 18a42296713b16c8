import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { ROOT } from './portal';

/**
 * The e2e portal's identity provider: a real OpenID Connect provider (`oidc-provider`, the
 * backend's test server `backend/src/testUtils/oidcServer.mjs`) on a free port of 127.0.0.1.
 * The global setup starts it before the portal, whose backend reads the provider's metadata when
 * it starts, and points `npm start`'s AUTH_OIDC_* variables at it.
 */

/** Accounts at the provider: Linus is a catalog user (payments-team); Mallory's e-mail is no catalog user's. */
export const OIDC_ACCOUNTS = {
  linus: { password: 'correct horse battery', email: 'linus@portico.example', name: 'Linus Chen' },
  mallory: { password: 'battery staple', email: 'mallory@elsewhere.example', name: 'Mallory' },
};
export const OIDC_CLIENT = { id: 'portico-e2e', secret: 'portico-e2e-oidc-client-secret-not-a-secret' };
/** What the shell calls the provider (PORTICO_OIDC_TITLE): its button reads "Sign in with Portico ID". */
export const OIDC_TITLE = 'Portico ID';

const START_TIMEOUT_MS = 30_000;

/** Starts the provider; resolves once it listens, with its issuer and a way to stop it. */
export async function startOidcProvider(): Promise<{ issuer: string; stop: () => Promise<void> }> {
  const child = spawn(process.execPath, [join(ROOT, 'backend/src/testUtils/oidcServer.mjs')], {
    env: { ...process.env, OIDC_TEST_SETUP: JSON.stringify({ accounts: OIDC_ACCOUNTS, client: OIDC_CLIENT }) },
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
      once(child, 'exit').then(([code]) => Promise.reject(new Error(`The OIDC provider exited with ${code}: ${stderr}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`The OIDC provider did not start within ${START_TIMEOUT_MS / 1000} s: ${stderr}`)), START_TIMEOUT_MS);
      }),
    ]);
    const { issuer } = JSON.parse(line) as { issuer: string };
    return { issuer, stop };
  } catch (error) {
    await stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Makes `uri` the client's one redirect URI (the backend's `/api/auth/oidc/handler/frame`). */
export async function registerRedirectUri(issuer: string, uri: string): Promise<void> {
  const response = await fetch(`${issuer}/test/redirect-uri`, { method: 'POST', body: uri });
  if (!response.ok) throw new Error(`The OIDC provider refused the redirect URI: ${response.status}`);
}
