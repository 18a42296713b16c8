// @ts-check
/**
 * The shell server's settings, read from the environment, and the Content-Security-Policy it
 * serves. CommonJS so that serve.mjs imports it and jest tests it without a transform.
 */
const { createHash } = require('node:crypto');

const DEFAULT_PORT = 3000;
const DEFAULT_BACKEND_URL = 'http://localhost:7007';
const APP_TITLE = 'Portico';
/** Sign-in providers the shell knows (src/config/runtimeConfig.ts, SIGN_IN_PROVIDERS). */
const SIGN_IN_PROVIDERS = ['guest', 'development', 'oidc'];
const DEFAULT_SIGN_IN_PROVIDERS = 'guest,development';
const DEFAULT_AUTH_ENVIRONMENT = 'development';
const DEFAULT_OIDC_TITLE = 'Single sign-on';
/** An auth environment is a config key (`auth.providers.oidc.<environment>`). */
const AUTH_ENVIRONMENT_PATTERN = /^[A-Za-z][A-Za-z0-9-]*$/;
const MAX_TITLE_LENGTH = 60;

/** Runtime settings handed to the browser as /config.json: environment variable, key, default, range. */
const NUMERIC_SETTINGS = [
  ['PORTICO_REMOTE_LOAD_TIMEOUT_MS', 'remoteLoadTimeoutMs', 15000, 500, 120000],
  ['PORTICO_REMOTE_LOAD_ATTEMPTS', 'remoteLoadAttempts', 3, 1, 10],
  ['PORTICO_REMOTE_RETRY_DELAY_MS', 'remoteRetryBaseDelayMs', 300, 0, 60000],
  ['PORTICO_MANIFEST_POLL_MS', 'manifestPollIntervalMs', 30000, 0, 86400000],
];

/**
 * @param {string} name
 * @param {string | undefined} raw
 * @param {number} fallback
 * @param {number} min
 * @param {number} max
 */
function readInteger(name, raw, fallback, min, max) {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/**
 * The origin of an absolute http(s) URL; throws naming the variable otherwise.
 * @param {string} name
 * @param {string} raw
 */
function readOrigin(name, raw) {
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`${name} must list absolute http(s) URLs, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`${name} must list http(s) origins, got "${raw}"`);
  }
  return url.origin;
}

/**
 * The sign-in providers to offer, in order: a comma-separated list of known names, each once.
 * @param {string} name
 * @param {string | undefined} raw
 */
function readSignInProviders(name, raw) {
  const value = raw === undefined || raw.trim() === '' ? DEFAULT_SIGN_IN_PROVIDERS : raw;
  const providers = value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean);
  for (const provider of providers) {
    if (!SIGN_IN_PROVIDERS.includes(provider)) {
      throw new Error(`${name} must list sign-in providers among ${SIGN_IN_PROVIDERS.join(', ')}, got "${provider}"`);
    }
  }
  if (providers.length === 0 || new Set(providers).size !== providers.length) {
    throw new Error(`${name} must list each sign-in provider once, got "${raw}"`);
  }
  return providers;
}

/**
 * @param {string} name
 * @param {string | undefined} raw
 */
function readAuthEnvironment(name, raw) {
  if (raw === undefined || raw === '') return DEFAULT_AUTH_ENVIRONMENT;
  if (!AUTH_ENVIRONMENT_PATTERN.test(raw)) {
    throw new Error(`${name} must be a name of letters, digits and dashes (such as "production"), got "${raw}"`);
  }
  return raw;
}

/**
 * @param {string} name
 * @param {string | undefined} raw
 */
function readTitle(name, raw) {
  if (raw === undefined || raw === '') return DEFAULT_OIDC_TITLE;
  const title = raw.trim();
  if (title === '' || title.length > MAX_TITLE_LENGTH) {
    throw new Error(`${name} must be a text of 1 to ${MAX_TITLE_LENGTH} characters, got "${raw}"`);
  }
  return title;
}

/**
 * Reads the server's settings from an environment; throws an error naming the variable at fault.
 * @param {Record<string, string | undefined>} env
 */
function readShellServerConfig(env) {
  const port = readInteger('PORTICO_SHELL_PORT', env.PORTICO_SHELL_PORT, DEFAULT_PORT, 0, 65535);
  const backendRaw = env.PORTICO_BACKEND_URL || DEFAULT_BACKEND_URL;
  readOrigin('PORTICO_BACKEND_URL', backendRaw);
  const backendBaseUrl = new URL(backendRaw).toString().replace(/\/+$/, '');
  const remoteOrigins = (env.PORTICO_REMOTE_ORIGINS ?? '')
    .split(',')
    .map(item => item.trim())
    .filter(Boolean)
    .map(item => readOrigin('PORTICO_REMOTE_ORIGINS', item));
  /** @type {Record<string, string | number | string[]>} */
  const runtimeConfig = {
    backendBaseUrl,
    appTitle: APP_TITLE,
    signInProviders: readSignInProviders('PORTICO_SIGN_IN_PROVIDERS', env.PORTICO_SIGN_IN_PROVIDERS),
    authEnvironment: readAuthEnvironment('PORTICO_AUTH_ENVIRONMENT', env.PORTICO_AUTH_ENVIRONMENT),
    oidcTitle: readTitle('PORTICO_OIDC_TITLE', env.PORTICO_OIDC_TITLE),
  };
  for (const [variable, key, fallback, min, max] of NUMERIC_SETTINGS) {
    runtimeConfig[/** @type {string} */ (key)] = readInteger(
      /** @type {string} */ (variable),
      env[/** @type {string} */ (variable)],
      /** @type {number} */ (fallback),
      /** @type {number} */ (min),
      /** @type {number} */ (max),
    );
  }
  return { port, remoteOrigins: [...new Set(remoteOrigins)], runtimeConfig };
}

/**
 * SHA-256 sources for the inline scripts of a page, so the policy admits exactly those.
 * @param {string} html
 */
function inlineScriptHashes(html) {
  const hashes = [];
  for (const match of html.matchAll(/<script(\s[^>]*)?>([\s\S]*?)<\/script>/gi)) {
    const attributes = match[1] ?? '';
    if (/\ssrc\s*=/i.test(attributes) || match[2].length === 0) continue;
    hashes.push(`'sha256-${createHash('sha256').update(match[2], 'utf8').digest('base64')}'`);
  }
  return hashes;
}

/**
 * Where the registry serves uploaded remotes' files: a CSP source with a path, which admits that
 * folder and everything under it and nothing else of the backend's origin.
 * @param {string} backendUrl
 */
function registryAssetsSource(backendUrl) {
  const { origin, pathname } = new URL(backendUrl);
  // ';' and ',' would end the source or the directive; the browser matches paths percent-decoded.
  return `${origin}${pathname.replace(/\/+$/, '')}/api/registry/assets/`.replace(/;/g, '%3B').replace(/,/g, '%2C');
}

/**
 * The shell's Content-Security-Policy. Scripts may come only from the shell's own origin, the
 * registry's assets path on the backend (not the rest of the backend's origin, where a response
 * of another plugin could be made to look like a script) and the configured remote origins, plus
 * the page's own inline scripts by hash; a remote hosted anywhere else is blocked by the browser.
 * Styles allow 'unsafe-inline': remotes render their own <style> elements.
 * @param {{ backendUrl: string; remoteOrigins: string[]; indexHtml: string }} options
 */
function buildContentSecurityPolicy({ backendUrl, remoteOrigins, indexHtml }) {
  const backend = new URL(backendUrl).origin;
  const otherOrigins = remoteOrigins.filter(origin => origin !== backend);
  const codeOrigins = ["'self'", backend, ...otherOrigins];
  const scriptSources = ["'self'", registryAssetsSource(backendUrl), ...otherOrigins];
  const directives = [
    ['default-src', "'self'"],
    ['script-src', ...scriptSources, ...inlineScriptHashes(indexHtml)],
    ['connect-src', ...codeOrigins],
    ['img-src', ...codeOrigins, 'data:', 'blob:'],
    ['style-src', "'self'", "'unsafe-inline'"],
    ['font-src', "'self'", 'data:'],
    ['frame-src', "'self'", backend],
    ['worker-src', "'self'", 'blob:'],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
  ];
  return directives.map(directive => directive.join(' ')).join('; ');
}

module.exports = {
  readShellServerConfig,
  buildContentSecurityPolicy,
  inlineScriptHashes,
  registryAssetsSource,
  SIGN_IN_PROVIDERS,
};
