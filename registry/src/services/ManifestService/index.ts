export { createManifestService } from './createManifestService';
export type { ManifestServiceOptions } from './createManifestService';
export { canaryBucket } from './canary';
export type { ManifestService } from './types';
