// A real OpenID Connect provider (the `oidc-provider` package) for tests, run as a child
// process because the package is ESM only. It listens on a free port on 127.0.0.1 and prints
// one JSON line, `{ "issuer": "http://127.0.0.1:<port>" }`, once it is ready.
//
// - Accounts and the one client come from the OIDC_TEST_SETUP environment variable (JSON):
//   `{ accounts: { [login]: { password, email, name } }, client: { id, secret } }`.
// - The client's redirect URI is set later, with `POST /test/redirect-uri` (a plain-text body),
//   because the backend under test learns its port only once it is listening.
// - Sign-in is a small HTML form that checks the password; consent is a second form.
// - Every authorization code comes with a refresh token.
import http from 'node:http';
import Provider from 'oidc-provider';
import MemoryAdapter from 'oidc-provider/lib/adapters/memory_adapter.js';

/**
 * The OIDC_TEST_SETUP variable (`OidcServerSetup` of `startOidcServer.ts`).
 * @typedef {object} TestSetup
 * @property {Record<string, { password: string, email: string, name: string }>} [accounts]
 * @property {{ id: string, secret: string }} client
 */

/** @type {TestSetup} */
const setup = JSON.parse(process.env.OIDC_TEST_SETUP ?? '{}');
const accounts = setup.accounts ?? {};
const client = setup.client;
/** @type {string[]} */
let redirectUris = [];

/** The client is read through the adapter, so a redirect URI set later is honoured. */
class TestAdapter extends MemoryAdapter {
  /**
   * @param {string} id
   * @returns {Promise<import('oidc-provider').AdapterPayload | undefined>}
   */
  async find(id) {
    if (this.model === 'Client') {
      if (id !== client.id || redirectUris.length === 0) return undefined;
      return {
        client_id: client.id,
        client_secret: client.secret,
        redirect_uris: redirectUris,
        response_types: ['code'],
        grant_types: ['authorization_code', 'refresh_token'],
        token_endpoint_auth_method: 'client_secret_basic',
      };
    }
    return super.find(id);
  }
}

/** @param {unknown} text */
const escape = text => String(text).replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
/**
 * @param {string} title
 * @param {string} body HTML
 */
const page = (title, body) =>
  `<!doctype html><html><head><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1>${body}</body></html>`;

/**
 * @param {http.IncomingMessage} req
 * @returns {Promise<Record<string, string>>}
 */
async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

/**
 * Created once the server listens (the issuer names its port), so before any request comes.
 * @type {Provider}
 */
let provider;

/**
 * The sign-in and consent interactions the provider sends browsers to.
 * @param {http.IncomingMessage} req
 * @param {http.ServerResponse} res
 * @param {string} uid
 * @param {string | undefined} action `login` or `confirm` (a form's POST), none for the page
 */
async function interaction(req, res, uid, action) {
  const details = await provider.interactionDetails(req, res);
  if (details.uid !== uid) throw new Error('interaction mismatch');
  const { prompt, params, session } = details;
  if (req.method === 'GET') {
    res.setHeader('Content-Type', 'text/html');
    if (prompt.name === 'login') {
      res.end(
        page(
          'Sign in',
          `<form method="post" action="/interaction/${uid}/login">` +
            `<input name="login"><input name="password" type="password"><button>Sign in</button></form>`,
        ),
      );
    } else {
      res.end(
        page(
          `Allow ${params.client_id}?`,
          `<form method="post" action="/interaction/${uid}/confirm"><button>Allow</button></form>`,
        ),
      );
    }
    return;
  }
  if (action === 'login') {
    const { login, password } = await readForm(req);
    const account = accounts[login];
    if (!account || account.password !== password) {
      res.statusCode = 401;
      res.setHeader('Content-Type', 'text/html');
      res.end(page('Sign in', '<p>Wrong login or password.</p>'));
      return;
    }
    await provider.interactionFinished(req, res, { login: { accountId: login } }, { mergeWithLastSubmission: false });
    return;
  }
  if (action === 'confirm') {
    /** @type {import('oidc-provider').Grant | undefined} */
    let grant;
    if (details.grantId) {
      grant = await provider.Grant.find(details.grantId);
      if (!grant) throw new Error(`grant ${details.grantId} not found`);
    } else {
      // The consent prompt comes after the login one: the interaction has a session by now.
      if (!session) throw new Error('consent without a session');
      const clientId = typeof params.client_id === 'string' ? params.client_id : undefined;
      grant = new provider.Grant({ accountId: session.accountId, clientId });
    }
    // The consent prompt's details: the scopes and claims (string arrays) not granted yet.
    const { missingOIDCScope, missingOIDCClaims } = prompt.details;
    if (Array.isArray(missingOIDCScope)) grant.addOIDCScope(missingOIDCScope.join(' '));
    if (Array.isArray(missingOIDCClaims)) grant.addOIDCClaims(missingOIDCClaims);
    await provider.interactionFinished(
      req,
      res,
      { consent: { grantId: await grant.save() } },
      { mergeWithLastSubmission: true },
    );
    return;
  }
  res.statusCode = 404;
  res.end();
}

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method === 'POST' && url.pathname === '/test/redirect-uri') {
      let body = '';
      for await (const chunk of req) body += chunk;
      redirectUris = [body.trim()];
      res.end('ok');
      return;
    }
    const match = url.pathname.match(/^\/interaction\/([^/]+)(?:\/(login|confirm))?$/);
    if (match) {
      await interaction(req, res, match[1], match[2]);
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    res.statusCode = 500;
    res.end(String(error));
  }
});

server.listen(0, '127.0.0.1', () => {
  const address = /** @type {import('node:net').AddressInfo} */ (server.address());
  const issuer = `http://127.0.0.1:${address.port}`;
  provider = new Provider(issuer, {
    adapter: TestAdapter,
    async findAccount(_ctx, id) {
      const account = accounts[id];
      if (!account) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, email: account.email, email_verified: true, name: account.name };
        },
      };
    },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    cookies: { keys: ['portico-oidc-test-cookie-key'] },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    // A refresh token with every code, as Keycloak and others issue them, so that the backend
    // can renew a session (its refresh cookie). oidc-provider's default asks for the
    // offline_access scope and prompt=consent.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    pkce: { required: () => false },
  });
  process.stdout.write(`${JSON.stringify({ issuer })}\n`);
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
