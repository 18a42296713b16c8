export {
  createAssetSigner,
  DEFAULT_KEY_ROTATION_PERIODS,
  DEFAULT_SIGNING_PERIOD_SECONDS,
  signatureOf,
} from './createAssetSigner';
export type { AssetSigner, AssetSignerOptions, SignedFields } from './createAssetSigner';
