import { type OidcServer, startOidcServer } from '@portico/backend/testUtils';

/**
 * The e2e portal's identity provider: a real OpenID Connect provider (`oidc-provider`, the
 * backend's test server `backend/src/__testUtils__/oidcServer.mjs`) on a free port of 127.0.0.1.
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

/** Starts the provider with these accounts and client; resolves once it listens. */
export function startOidcProvider(): Promise<OidcServer> {
  return startOidcServer({ accounts: OIDC_ACCOUNTS, client: OIDC_CLIENT });
}
