export type { RemoteRegistryService, PublishResult, RemoteAsset, Actor, ExternalPublishRequest } from './types';
export { createRemoteRegistry } from './createRemoteRegistry';
export type { RemoteRegistryOptions } from './createRemoteRegistry';
