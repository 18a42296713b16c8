import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import { userInfoServiceFactory } from '@backstage/backend-defaults/userInfo';
import { mockServices, startTestBackend, TestDatabases } from '@backstage/backend-test-utils';
import { ConfigSources } from '@backstage/config-loader';
import type { ClientAuthResponse, WebMessageResponse } from '@backstage/plugin-auth-node';
import { resolve } from 'node:path';
import { type OidcServer, startOidcServer } from './__testUtils__/startOidcServer';
import { perPluginDatabases } from './__testUtils__/perPluginDatabases';

/**
 * Production sign-in: Backstage's OIDC provider module against a real OpenID Connect provider
 * (the `oidc-provider` package, started by the test), through the whole authorization-code flow
 * over HTTP, as a browser would do it: the backend's start URL, the provider's sign-in and
 * consent forms, the redirect back to the backend's handler. The backend is configured with the
 * `auth` section of app-config.production.yaml, its variables pointing at that provider. The user is resolved to the
 * catalog's user by e-mail (the sample organisation), with the memberships the catalog gives.
 */
const ROOT = resolve(__dirname, '../..');
const CLIENT = { id: 'portico', secret: 'portico-oidc-client-secret-for-tests' };
const ACCOUNTS = {
  ada: { password: 'correct horse', email: 'ada@portico.example', name: 'Ada Lovelace' },
  mallory: { password: 'battery staple', email: 'mallory@elsewhere.example', name: 'Mallory' },
};
const READER_TOKEN = 'catalog-reader-token-for-oidc-tests';

// At the top level, so that the backend stops before the databases close.
const databases = TestDatabases.create({ ids: ['SQLITE_3'], disableDocker: true });

/** app-config.production.yaml's `auth`, with the given environment variables substituted. */
async function productionAuthConfig(env: Record<string, string>) {
  const config = await ConfigSources.toConfig(
    ConfigSources.defaultForTargets({
      targets: [{ type: 'path', target: resolve(ROOT, 'app-config.production.yaml') }],
      watch: false,
      substitutionFunc: async name => env[name],
    }),
  );
  try {
    return config.get('auth');
  } finally {
    config.close();
  }
}

/** A browser's cookies, by host and path (enough for these two sites). */
class CookieJar {
  readonly #cookies = new Map<string, Map<string, { value: string; path: string }>>();

  header(url: URL): string {
    const cookies = this.#cookies.get(url.hostname) ?? new Map();
    return [...cookies]
      .filter(([, cookie]) => url.pathname.startsWith(cookie.path))
      .map(([name, cookie]) => `${name}=${cookie.value}`)
      .join('; ');
  }

  store(url: URL, setCookies: string[]) {
    const cookies = this.#cookies.get(url.hostname) ?? new Map();
    this.#cookies.set(url.hostname, cookies);
    for (const setCookie of setCookies) {
      const [pair, ...attributes] = setCookie.split(';').map(part => part.trim());
      const name = pair.slice(0, pair.indexOf('='));
      const value = pair.slice(pair.indexOf('=') + 1);
      const attribute = (key: string) =>
        attributes.find(a => a.toLowerCase().startsWith(`${key}=`))?.slice(key.length + 1);
      const expires = attribute('expires');
      if (attribute('max-age') === '0' || (expires && Date.parse(expires) < Date.now())) {
        cookies.delete(name);
      } else {
        cookies.set(name, { value, path: attribute('path') ?? '/' });
      }
    }
  }
}

/** Drives requests like a browser: cookies kept, redirects followed one by one. */
function createBrowser() {
  const jar = new CookieJar();
  const visited: string[] = [];
  async function request(url: URL, init: RequestInit = {}): Promise<{ url: URL; response: Response }> {
    visited.push(`${init.method ?? 'GET'} ${url.origin}${url.pathname}`);
    const response = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), cookie: jar.header(url) },
    });
    jar.store(url, response.headers.getSetCookie());
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location) {
      return request(new URL(location, url));
    }
    return { url, response };
  }
  const submit = (url: URL, form: Record<string, string>) =>
    request(url, {
      method: 'POST',
      body: new URLSearchParams(form).toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
  return { request, submit, visited };
}

/** Backstage's WebMessageResponse as the handler page posts it: JSON, so the error is a plain object. */
interface PostedMessage {
  type: WebMessageResponse['type'];
  response?: ClientAuthResponse<unknown>;
  error?: { name?: string; message: string };
}

/** The authorization response the backend's handler page posts to the app window. */
function postedMessage(html: string): PostedMessage {
  const encoded = html.match(/var authResponse = decodeURIComponent\('([^']*)'\)/)?.[1];
  if (!encoded) throw new Error(`No authorization response in: ${html.slice(0, 500)}`);
  return JSON.parse(decodeURIComponent(encoded));
}

/** Signs in through the provider's forms; answers the page the flow ends on. */
async function signIn(backendUrl: string, login: string, password: string) {
  const browser = createBrowser();
  const signInPage = await browser.request(new URL(`${backendUrl}/api/auth/oidc/start?env=production`));
  expect(signInPage.response.status).toBe(200);
  expect(await signInPage.response.text()).toContain('<h1>Sign in</h1>');
  const afterLogin = await browser.submit(new URL(`${signInPage.url.pathname}/login`, signInPage.url), {
    login,
    password,
  });
  if (afterLogin.response.status !== 200 || !afterLogin.url.pathname.startsWith('/interaction/')) {
    return { ...afterLogin, browser };
  }
  expect(await afterLogin.response.text()).toContain('Allow portico?');
  const end = await browser.submit(new URL(`${afterLogin.url.pathname}/confirm`, afterLogin.url), {});
  return { ...end, browser };
}

describe('production sign-in with OpenID Connect', () => {
  let idp: OidcServer | undefined;
  let issuer: string;
  let backendUrl: string;

  beforeAll(async () => {
    idp = await startOidcServer({ accounts: ACCOUNTS, client: CLIENT });
    issuer = idp.issuer;

    const { server } = await startTestBackend({
      features: [
        import('@backstage/plugin-auth-backend'),
        import('@backstage/plugin-auth-backend-module-oidc-provider'),
        import('@backstage/plugin-catalog-backend'),
        authServiceFactory,
        httpAuthServiceFactory,
        userInfoServiceFactory,
        perPluginDatabases(databases, 'SQLITE_3'),
        mockServices.rootConfig.factory({
          data: {
            app: { baseUrl: 'http://localhost:3000' },
            backend: {
              auth: { externalAccess: [{ type: 'static', options: { token: READER_TOKEN, subject: 'test-reader' } }] },
            },
            // The auth configuration app-config.production.yaml ships, from its variables.
            auth: await productionAuthConfig({
              AUTH_ENVIRONMENT: 'production',
              AUTH_SESSION_SECRET: 'portico-session-secret-for-tests',
              AUTH_OIDC_METADATA_URL: `${issuer}/.well-known/openid-configuration`,
              AUTH_OIDC_CLIENT_ID: CLIENT.id,
              AUTH_OIDC_CLIENT_SECRET: CLIENT.secret,
            }),
            catalog: {
              rules: [{ allow: ['Component', 'System', 'API', 'Resource', 'Location', 'User', 'Group', 'Domain'] }],
              locations: [{ type: 'file', target: resolve(ROOT, 'catalog-entities/all.yaml') }],
            },
          },
        }),
      ],
    });
    backendUrl = `http://localhost:${server.port()}`;
    // The provider accepts exactly the backend's handler as redirect URI.
    await idp.registerRedirectUri(`${backendUrl}/api/auth/oidc/handler/frame`);

    const deadline = Date.now() + 30_000;
    while (
      (
        await fetch(`${backendUrl}/api/catalog/entities/by-name/user/default/ada`, {
          headers: { Authorization: `Bearer ${READER_TOKEN}` },
        })
      ).status !== 200
    ) {
      if (Date.now() > deadline) throw new Error('The sample organisation did not reach the catalog');
      await new Promise(resolvePromise => setTimeout(resolvePromise, 100));
    }
  });

  afterAll(() => idp?.stop());

  it('signs Ada in through the provider and resolves her to the catalog user with her groups', async () => {
    const { url, response, browser } = await signIn(backendUrl, 'ada', ACCOUNTS.ada.password);
    expect(`${url.origin}${url.pathname}`).toBe(`${backendUrl}/api/auth/oidc/handler/frame`);
    expect(
      browser.visited.map(step =>
        step
          .replace(backendUrl, 'backend')
          .replace(issuer, 'idp')
          .replace(/ idp\/(interaction|auth)\/[^/]+/, ' idp/$1/<uid>'),
      ),
    ).toEqual([
      'GET backend/api/auth/oidc/start',
      'GET idp/auth',
      'GET idp/interaction/<uid>',
      'POST idp/interaction/<uid>/login',
      'GET idp/auth/<uid>',
      'GET idp/interaction/<uid>',
      'POST idp/interaction/<uid>/confirm',
      'GET idp/auth/<uid>',
      'GET backend/api/auth/oidc/handler/frame',
    ]);

    const message = postedMessage(await response.text());
    expect(message.type).toBe('authorization_response');
    if (!message.response?.backstageIdentity) throw new Error(`No Backstage identity in ${JSON.stringify(message)}`);
    expect(message.response.profile).toMatchObject({ email: 'ada@portico.example', displayName: 'Ada Lovelace' });
    const { token, identity } = message.response.backstageIdentity;
    expect(identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/ada',
      ownershipEntityRefs: expect.arrayContaining(['user:default/ada', 'group:default/platform-engineers']),
    });
    const claims = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
    expect(claims).toMatchObject({ sub: 'user:default/ada', iss: `${backendUrl}/api/auth` });

    // The token is a Backstage user token the backend accepts; the auth backend keeps her
    // memberships (the permission backend reads them through the user-info service).
    const me = await fetch(`${backendUrl}/api/auth/v1/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
    expect(me.status).toBe(200);
    expect((await me.json()).claims).toMatchObject({
      sub: 'user:default/ada',
      ent: expect.arrayContaining(['group:default/platform-engineers']),
    });
  });

  it('refuses a provider account that is no catalog user', async () => {
    const { url, response } = await signIn(backendUrl, 'mallory', ACCOUNTS.mallory.password);
    expect(url.pathname).toBe('/api/auth/oidc/handler/frame');
    const message = postedMessage(await response.text());
    expect(message.response).toBeUndefined();
    expect(message.error?.message).toMatch(/unable to resolve user identity/i);
  });

  it('never reaches the backend with a wrong password', async () => {
    const { url, response } = await signIn(backendUrl, 'ada', 'wrong');
    expect(response.status).toBe(401);
    expect(url.origin).toBe(issuer);
  });
});
