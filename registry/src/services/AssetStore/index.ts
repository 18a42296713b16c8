export type { AssetStore, BlobContent, StoredBlob } from './types';
export { createLocalAssetStore } from './createLocalAssetStore';
export { sha384Hex, toIntegrity } from './digest';
