import { join, resolve } from 'node:path';

/** Where the e2e portal runs: its own ports and a fresh data folder, away from `npm start`'s. */
export const ROOT = resolve(__dirname, '..', '..');
/** Scratch space of one run (its data folder, copied remotes); PORTICO_E2E_TMP lets two runs coexist. */
export const E2E_TMP = process.env.PORTICO_E2E_TMP ?? join(ROOT, 'e2e', '.tmp');
export const DATA_DIR = join(E2E_TMP, 'data');
export const BACKEND_PORT = process.env.PORTICO_E2E_BACKEND_PORT ?? '7107';
export const SHELL_PORT = process.env.PORTICO_E2E_SHELL_PORT ?? '3107';
export const BACKEND_URL = `http://localhost:${BACKEND_PORT}`;
export const SHELL_URL = `http://localhost:${SHELL_PORT}`;
/** The publish token the e2e portal accepts (the start script takes it from the environment). */
export const PUBLISH_TOKEN = 'e2e-publish-token-not-a-secret';
/** The token Prometheus would scrape /metrics with (PORTICO_METRICS_TOKEN). */
export const METRICS_TOKEN = 'e2e-metrics-token-not-a-secret';

/**
 * Static hosts for externally hosted remotes in the failure tests: the shell's
 * Content-Security-Policy admits the first (PORTICO_REMOTE_ORIGINS), not the second.
 */
export const LISTED_HOST_PORT = Number(SHELL_PORT) + 1;
export const UNLISTED_HOST_PORT = Number(SHELL_PORT) + 2;
export const LISTED_HOST_ORIGIN = `http://127.0.0.1:${LISTED_HOST_PORT}`;
export const UNLISTED_HOST_ORIGIN = `http://127.0.0.1:${UNLISTED_HOST_PORT}`;

/** What the e2e shell is configured with (environment of shell/scripts/serve.mjs). */
export const SHELL_SETTINGS = {
  PORTICO_REMOTE_ORIGINS: LISTED_HOST_ORIGIN,
  /** Short, so the never-answering entry fails fast; normal loads take well under a second. */
  PORTICO_REMOTE_LOAD_TIMEOUT_MS: '4000',
  PORTICO_REMOTE_LOAD_ATTEMPTS: '3',
  PORTICO_REMOTE_RETRY_DELAY_MS: '100',
  /** So the live update notice shows within a second or two of a publish. */
  PORTICO_MANIFEST_POLL_MS: '1000',
};

/**
 * What the e2e backend gets besides app-config.yaml: the scrape token, and, as Backstage's
 * APP_CONFIG_* variables, the static hosts the registry may fetch remotes from, and a search
 * index rebuilt every few seconds, so that a search test soon sees the whole catalog.
 */
const SEARCH_SCHEDULE = JSON.stringify({
  schedule: { frequency: { minutes: 0, seconds: 5 }, initialDelay: { seconds: 5 } },
});
export const BACKEND_SETTINGS = {
  PORTICO_METRICS_TOKEN: METRICS_TOKEN,
  // The registry fetches remotes registered by URL only from listed origins, and from loopback
  // only when allowed: both static hosts listen on 127.0.0.1 (the shell's CSP still admits one).
  APP_CONFIG_registry_externalRemotes_allowedOrigins: JSON.stringify([LISTED_HOST_ORIGIN, UNLISTED_HOST_ORIGIN]),
  APP_CONFIG_registry_externalRemotes_allowPrivateAddresses: 'true',
  APP_CONFIG_search_collators_catalog: SEARCH_SCHEDULE,
  APP_CONFIG_search_collators_techdocs: SEARCH_SCHEDULE,
};
