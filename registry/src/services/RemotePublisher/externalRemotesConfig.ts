import { Config } from '@backstage/config';

/** Largest file the registry reads from a remote hosted elsewhere. */
export const DEFAULT_EXTERNAL_MAX_FILE_BYTES = 5 * 1024 * 1024;
/** Most files (besides its manifest and entry) an externally hosted remote may list. */
export const DEFAULT_EXTERNAL_MAX_FILES = 200;
/** How long one request to another host may take. */
export const DEFAULT_EXTERNAL_TIMEOUT_MS = 10_000;
/** How long all the requests of one registration may take together. */
export const DEFAULT_EXTERNAL_TOTAL_TIMEOUT_MS = 60_000;

/**
 * What the registry may fetch when a remote is registered by the URL of its `mf-manifest.json`.
 * Registering by URL makes the backend send requests wherever the caller points it, so only
 * origins an operator listed are reached, and never private addresses unless allowed.
 */
export interface ExternalRemotesConfig {
  /** Normalised origins (`https://cdn.example.com`); empty means registering by URL is refused. */
  allowedOrigins: string[];
  /** Whether hosts may resolve to loopback, private, link-local and other non-public addresses. */
  allowPrivateAddresses: boolean;
  maxFileBytes: number;
  maxFiles: number;
  timeoutMs: number;
  totalTimeoutMs: number;
}

const KEY = 'registry.externalRemotes';

function readOrigin(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`Invalid config at ${KEY}.allowedOrigins: "${raw}" is not an absolute URL`);
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) {
    throw new Error(
      `Invalid config at ${KEY}.allowedOrigins: "${raw}" is not an origin such as https://cdn.example.com`,
    );
  }
  return url.origin;
}

function readPositive(config: Config | undefined, key: string, fallback: number): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Invalid config at ${KEY}.${key}: expected a positive whole number, got ${value}`);
  }
  return value;
}

/** Reads `registry.externalRemotes` (given the `registry` block); invalid values fail start-up naming the key. */
export function readExternalRemotesConfig(registry: Config | undefined): ExternalRemotesConfig {
  const config = registry?.getOptionalConfig('externalRemotes');
  return {
    allowedOrigins: [...new Set((config?.getOptionalStringArray('allowedOrigins') ?? []).map(readOrigin))],
    allowPrivateAddresses: config?.getOptionalBoolean('allowPrivateAddresses') ?? false,
    maxFileBytes: readPositive(config, 'maxFileBytes', DEFAULT_EXTERNAL_MAX_FILE_BYTES),
    maxFiles: readPositive(config, 'maxFiles', DEFAULT_EXTERNAL_MAX_FILES),
    timeoutMs: readPositive(config, 'timeoutMs', DEFAULT_EXTERNAL_TIMEOUT_MS),
    totalTimeoutMs: readPositive(config, 'totalTimeoutMs', DEFAULT_EXTERNAL_TOTAL_TIMEOUT_MS),
  };
}
