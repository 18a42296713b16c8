/**
 * OpenID Connect sign-in for `npm start`. With AUTH_OIDC_METADATA_URL set, the backend gets
 * Backstage's OIDC provider for the auth environment in use (AUTH_ENVIRONMENT, default
 * `development`) through Backstage's `APP_CONFIG_*` environment variables, with the settings
 * app-config.production.yaml gives the `production` environment, and the shell offers it. Without
 * the variable nothing changes: no `auth.providers.oidc` is configured, so the provider module
 * answers 404 on its routes and neither warns nor stops the backend.
 */

/** What to add to the environments of the backend and of the shell server. */
export interface OidcStartSettings {
  backend: Record<string, string>;
  shell: Record<string, string>;
  /** One line for the start log, when OIDC is on. */
  summary?: string;
}

/** An auth environment becomes one key of an `APP_CONFIG_` variable's path: no `_` or `.` in it. */
const AUTH_ENVIRONMENT_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
const DEFAULT_AUTH_ENVIRONMENT = 'development';

function required(env: Record<string, string | undefined>, name: string): string {
  const value = env[name];
  if (!value) throw new Error(`${name} must be set when AUTH_OIDC_METADATA_URL is (see backend/README.md)`);
  return value;
}

/**
 * Reads the OIDC variables; throws naming the variable at fault.
 * `productionConfig`: app-config.production.yaml is loaded, which configures the `production`
 * environment itself. `generateSecret` makes the session secret when AUTH_SESSION_SECRET is unset
 * (the session only carries a sign-in's state between the start and the callback).
 */
export function readOidcSignIn(
  env: Record<string, string | undefined>,
  options: { productionConfig: boolean; generateSecret: () => string },
): OidcStartSettings {
  const metadataUrl = env.AUTH_OIDC_METADATA_URL;
  if (!metadataUrl) return { backend: {}, shell: {} };
  let url: URL;
  try {
    url = new URL(metadataUrl);
  } catch {
    throw new Error(`AUTH_OIDC_METADATA_URL must be an absolute http(s) URL, got "${metadataUrl}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`AUTH_OIDC_METADATA_URL must be an absolute http(s) URL, got "${metadataUrl}"`);
  }
  const clientId = required(env, 'AUTH_OIDC_CLIENT_ID');
  const clientSecret = required(env, 'AUTH_OIDC_CLIENT_SECRET');
  const authEnvironment = env.AUTH_ENVIRONMENT || DEFAULT_AUTH_ENVIRONMENT;
  if (!AUTH_ENVIRONMENT_PATTERN.test(authEnvironment)) {
    throw new Error(`AUTH_ENVIRONMENT must be a name of letters, digits and dashes, got "${authEnvironment}"`);
  }
  const sessionSecret = env.AUTH_SESSION_SECRET || options.generateSecret();

  // Values are JSON, so that Backstage reads every one as the string it is (a bare `1234` would be a number).
  const backend: Record<string, string> = { AUTH_SESSION_SECRET: sessionSecret };
  if (!options.productionConfig) {
    backend.APP_CONFIG_auth_session_secret = JSON.stringify(sessionSecret);
  }
  if (!(options.productionConfig && authEnvironment === 'production')) {
    backend[`APP_CONFIG_auth_providers_oidc_${authEnvironment}`] = JSON.stringify({
      metadataUrl,
      clientId,
      clientSecret,
      prompt: env.AUTH_OIDC_PROMPT || 'auto',
      signIn: { resolvers: [{ resolver: 'emailMatchingUserEntityProfileEmail' }] },
    });
  }

  const shell = {
    PORTICO_SIGN_IN_PROVIDERS:
      env.PORTICO_SIGN_IN_PROVIDERS ?? (authEnvironment === 'production' ? 'oidc' : 'guest,development,oidc'),
    PORTICO_AUTH_ENVIRONMENT: env.PORTICO_AUTH_ENVIRONMENT ?? authEnvironment,
  };
  return {
    backend,
    shell,
    summary: `OpenID Connect sign-in with ${url.origin} (auth environment ${authEnvironment})`,
  };
}
