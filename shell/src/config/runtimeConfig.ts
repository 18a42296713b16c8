/** What the shell reads from `GET /config.json` at start, so one build serves every environment. */
export interface RuntimeConfig {
  /** Base URL of the Backstage backend, without a trailing slash. */
  backendBaseUrl: string;
  /** Title shown in the header and the browser tab. */
  appTitle: string;
}

/** Path of the runtime configuration, answered by `shell/scripts/serve.mjs`. */
export const RUNTIME_CONFIG_PATH = '/config.json';
const DEFAULT_APP_TITLE = 'Portico';

/** Reads and validates the runtime configuration. */
export async function loadRuntimeConfig(): Promise<RuntimeConfig> {
  const response = await fetch(RUNTIME_CONFIG_PATH, { cache: 'no-store' });
  if (!response.ok) {
    throw new Error(`${RUNTIME_CONFIG_PATH} answered ${response.status} ${response.statusText}`);
  }
  const body = (await response.json()) as Partial<Record<keyof RuntimeConfig, unknown>>;
  if (typeof body.backendBaseUrl !== 'string' || !/^https?:\/\//.test(body.backendBaseUrl)) {
    throw new Error(`${RUNTIME_CONFIG_PATH}: backendBaseUrl must be an absolute http(s) URL`);
  }
  return {
    backendBaseUrl: body.backendBaseUrl.replace(/\/+$/, ''),
    appTitle: typeof body.appTitle === 'string' && body.appTitle ? body.appTitle : DEFAULT_APP_TITLE,
  };
}
