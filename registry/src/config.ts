import { Config } from '@backstage/config';
import { resolve as resolvePath } from 'node:path';
import { readServiceAccounts, ServiceAccount } from './services/RegistryAuthorizer/serviceAccounts';
import { ExternalRemotesConfig, readExternalRemotesConfig } from './services/RemotePublisher/externalRemotesConfig';

export type { ExternalRemotesConfig, ServiceAccount };

/** Default folder for uploaded files, relative to the backend's working directory. */
export const DEFAULT_STORAGE_DIRECTORY = 'data/registry';
export const DEFAULT_MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_FILES = 2000;
/** Cap on the unpacked size of one upload: gzip packs zeros about 1000:1, so the compressed cap alone is no cap. */
export const DEFAULT_MAX_UNPACKED_BYTES = 200 * 1024 * 1024;
/** Uploads one principal may have in progress at once. */
export const DEFAULT_MAX_CONCURRENT_UPLOADS_PER_CALLER = 2;

/** The registry's configuration, with defaults applied. */
export interface RegistryConfig {
  storageDirectory: string;
  maxUploadBytes: number;
  maxFileBytes: number;
  maxFiles: number;
  maxUnpackedBytes: number;
  maxConcurrentUploadsPerCaller: number;
  serviceAccounts: ServiceAccount[];
  /** What registering a remote by URL may fetch (`registry.externalRemotes`). */
  externalRemotes: ExternalRemotesConfig;
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
      maxUnpackedBytes: DEFAULT_MAX_UNPACKED_BYTES,
      maxConcurrentUploadsPerCaller: DEFAULT_MAX_CONCURRENT_UPLOADS_PER_CALLER,
      serviceAccounts: [],
      externalRemotes: readExternalRemotesConfig(undefined),
    };
  }
  return {
    storageDirectory: resolvePath(directory),
    maxUploadBytes: readPositiveInteger(config, 'maxUploadBytes', DEFAULT_MAX_UPLOAD_BYTES),
    maxFileBytes: readPositiveInteger(config, 'maxFileBytes', DEFAULT_MAX_FILE_BYTES),
    maxFiles: readPositiveInteger(config, 'maxFiles', DEFAULT_MAX_FILES),
    maxUnpackedBytes: readPositiveInteger(config, 'maxUnpackedBytes', DEFAULT_MAX_UNPACKED_BYTES),
    maxConcurrentUploadsPerCaller: readPositiveInteger(
      config,
      'maxConcurrentUploadsPerCaller',
      DEFAULT_MAX_CONCURRENT_UPLOADS_PER_CALLER,
    ),
    serviceAccounts: readServiceAccounts(config),
    externalRemotes: readExternalRemotesConfig(config),
  };
}
