import { Config } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';

/** Default folder for uploaded files, relative to the backend's working directory. */
export const DEFAULT_STORAGE_DIRECTORY = 'data/registry';
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 2000;

/**
 * A service principal (an external-access token's subject) and the owners whose remotes it may
 * act on. Backstage decides service requests from token access restrictions alone, without a
 * policy, so this is how a team's CI token is kept to that team's remotes.
 */
export interface ServiceAccount {
  subject: string;
  /** Owner group refs, or `'*'` for every remote and the registry's admin actions. */
  owns: string[] | '*';
}

/** The registry's configuration, with defaults applied. */
export interface RegistryConfig {
  storageDirectory: string;
  maxUploadBytes: number;
  maxFileBytes: number;
  maxFiles: number;
  serviceAccounts: ServiceAccount[];
}

function readServiceAccounts(config: Config | undefined): ServiceAccount[] {
  return (config?.getOptionalConfigArray('serviceAccounts') ?? []).map(account => {
    const subject = account.getString('subject');
    const owns = account.getOptional('owns');
    if (owns === '*') return { subject, owns };
    return { subject, owns: account.getStringArray('owns') };
  });
}

function readPositiveInteger(config: Config, key: string, fallback: number): number {
  const value = config.getOptionalNumber(key);
  if (value === undefined) {
    return fallback;
  }
  if (!Number.isInteger(value) || value <= 0) {
    throw new Error(`Invalid config at registry.${key}: expected a positive whole number, got ${value}`);
  }
  return value;
}

/** Reads `registry.*`; invalid values fail start-up with the key named. */
export function readRegistryConfig(rootConfig: Config): RegistryConfig {
  const config = rootConfig.getOptionalConfig('registry');
  const directory = config?.getOptionalString('storage.directory') ?? DEFAULT_STORAGE_DIRECTORY;
  if (!config) {
    return {
      storageDirectory: resolvePath(directory),
      maxUploadBytes: DEFAULT_MAX_UPLOAD_BYTES,
      maxFileBytes: DEFAULT_MAX_FILE_BYTES,
      maxFiles: DEFAULT_MAX_FILES,
      serviceAccounts: [],
    };
  }
  return {
    storageDirectory: resolvePath(directory),
    maxUploadBytes: readPositiveInteger(config, 'maxUploadBytes', DEFAULT_MAX_UPLOAD_BYTES),
    maxFileBytes: readPositiveInteger(config, 'maxFileBytes', DEFAULT_MAX_FILE_BYTES),
    maxFiles: readPositiveInteger(config, 'maxFiles', DEFAULT_MAX_FILES),
    serviceAccounts: readServiceAccounts(config),
  };
}
