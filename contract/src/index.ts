export * from './types';
export { sharedSingletons, REMOTE_EXPOSED_MODULE, REMOTE_DESCRIPTOR_FILE, FEDERATION_MANIFEST_FILE } from './shared';
export type { SharedSingleton } from './shared';
