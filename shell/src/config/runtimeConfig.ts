/** The ways of signing in the shell knows; `/config.json` says which of them to offer. */
export const SIGN_IN_PROVIDERS = ['guest', 'development', 'oidc'] as const;
export type SignInProviderId = (typeof SIGN_IN_PROVIDERS)[number];

/** What the shell reads from `GET /config.json` at start, so one build serves every environment. */
export interface RuntimeConfig {
  /** Base URL of the Backstage backend, without a trailing slash. */
  backendBaseUrl: string;
  /** Title shown in the header and the browser tab. */
  appTitle: string;
  /** A remote whose code has not loaded after this long fails with PORTICO_REMOTE_TIMEOUT. */
  remoteLoadTimeoutMs: number;
  /** Attempts at loading a remote when failures are transient (the first included). */
  remoteLoadAttempts: number;
  /** Delay before the first automatic retry; each further one doubles it (with jitter). */
  remoteRetryBaseDelayMs: number;
  /** How often the manifest is polled for new live versions; 0 turns the notice off. */
  manifestPollIntervalMs: number;
  /** The sign-in buttons to offer, in this order: Backstage's guest, development (any catalog user), OpenID Connect. */
  signInProviders: SignInProviderId[];
  /** The auth backend's environment the OIDC provider is configured for (`?env=` of its routes). */
  authEnvironment: string;
  /** What the OIDC button calls the identity provider: "Sign in with <oidcTitle>". */
  oidcTitle: string;
}

/** Path of the runtime configuration, answered by `shell/scripts/serve.mjs`. */
export const RUNTIME_CONFIG_PATH = '/config.json';

export const DEFAULT_APP_TITLE = 'Portico';
export const DEFAULT_REMOTE_LOAD_TIMEOUT_MS = 15_000;
export const DEFAULT_REMOTE_LOAD_ATTEMPTS = 3;
export const DEFAULT_REMOTE_RETRY_BASE_DELAY_MS = 300;
export const DEFAULT_MANIFEST_POLL_INTERVAL_MS = 30_000;
export const DEFAULT_SIGN_IN_PROVIDERS: SignInProviderId[] = ['guest', 'development'];
export const DEFAULT_AUTH_ENVIRONMENT = 'development';
export const DEFAULT_OIDC_TITLE = 'Single sign-on';
/** An auth environment is a config key (`auth.providers.oidc.<environment>`). */
const AUTH_ENVIRONMENT_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
const MAX_TITLE_LENGTH = 60;

function readInteger(
  body: Record<string, unknown>,
  key: keyof RuntimeConfig,
  fallback: number,
  min: number,
  max: number,
) {
  const value = body[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${RUNTIME_CONFIG_PATH}: ${key} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readSignInProviders(body: Record<string, unknown>): SignInProviderId[] {
  const value = body.signInProviders;
  if (value === undefined) return [...DEFAULT_SIGN_IN_PROVIDERS];
  const known = (item: unknown): item is SignInProviderId => SIGN_IN_PROVIDERS.includes(item as SignInProviderId);
  if (!Array.isArray(value) || value.length === 0 || !value.every(known) || new Set(value).size !== value.length) {
    throw new Error(
      `${RUNTIME_CONFIG_PATH}: signInProviders must list one or more of ` +
        `${SIGN_IN_PROVIDERS.join(', ')} once each, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}

function readString(
  body: Record<string, unknown>,
  key: keyof RuntimeConfig,
  fallback: string,
  valid: (value: string) => boolean,
  expected: string,
) {
  const value = body[key];
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !valid(value)) {
    throw new Error(`${RUNTIME_CONFIG_PATH}: ${key} must be ${expected}, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** Validates a parsed `/config.json`, filling in the defaults; throws naming the bad key. */
export function parseRuntimeConfig(body: Record<string, unknown>): RuntimeConfig {
  if (typeof body.backendBaseUrl !== 'string' || !/^https?:\/\//.test(body.backendBaseUrl)) {
    throw new Error(`${RUNTIME_CONFIG_PATH}: backendBaseUrl must be an absolute http(s) URL`);
  }
  return {
    backendBaseUrl: body.backendBaseUrl.replace(/\/+$/, ''),
    appTitle: typeof body.appTitle === 'string' && body.appTitle ? body.appTitle : DEFAULT_APP_TITLE,
    remoteLoadTimeoutMs: readInteger(body, 'remoteLoadTimeoutMs', DEFAULT_REMOTE_LOAD_TIMEOUT_MS, 500, 120_000),
    remoteLoadAttempts: readInteger(body, 'remoteLoadAttempts', DEFAULT_REMOTE_LOAD_ATTEMPTS, 1, 10),
    remoteRetryBaseDelayMs: readInteger(body, 'remoteRetryBaseDelayMs', DEFAULT_REMOTE_RETRY_BASE_DELAY_MS, 0, 60_000),
    manifestPollIntervalMs: readInteger(
      body,
      'manifestPollIntervalMs',
      DEFAULT_MANIFEST_POLL_INTERVAL_MS,
      0,
      86_400_000,
    ),
    signInProviders: readSignInProviders(body),
    authEnvironment: readString(
      body,
      'authEnvironment',
      DEFAULT_AUTH_ENVIRONMENT,
      value => AUTH_ENVIRONMENT_PATTERN.test(value),
      'a name of letters, digits and dashes',
    ),
    oidcTitle: readString(
      body,
      'oidcTitle',
      DEFAULT_OIDC_TITLE,
      value => value.trim().length > 0 && value.length <= MAX_TITLE_LENGTH,
      `a non-empty text of at most ${MAX_TITLE_LENGTH} characters`,
    ),
  };
}

/** Reads and validates the runtime configuration. */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch(RUNTIME_CONFIG_PATH, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${RUNTIME_CONFIG_PATH} answered ${response.status} ${response.statusText}`);
  }
  return parseRuntimeConfig((await response.json()) as Record<string, unknown>);
}
