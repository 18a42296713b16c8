export { createAssetSigner, SIGNING_PERIOD_MS } from './createAssetSigner';
export type { AssetSigner } from './createAssetSigner';
