import { Config } from '@backstage/config';
import { DEFAULT_KEY_ROTATION_PERIODS, DEFAULT_SIGNING_PERIOD_SECONDS } from './services/AssetSigner';

/** The shortest signing period accepted: shorter ones would expire URLs while a page loads. */
export const MIN_SIGNING_PERIOD_SECONDS = 60;

/** How remote files are addressed and signed (`registry.assetBaseUrl`, `registry.assetSignature.*`). */
export interface AssetConfig {
  /** Where files are served from instead of the backend's own asset path; no trailing slash. */
  assetBaseUrl?: string;
  /** Length of one signing period, in seconds; a signature is accepted in its period and the next. */
  signaturePeriodSeconds: number;
  /** How many periods one signing key signs before a new key replaces it. */
  keyRotationPeriods: number;
}

function readWholeNumber(config: Config | undefined, key: string, fallback: number, min: number): number {
  const value = config?.getOptionalNumber(key);
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`Invalid config at registry.${key}: expected a whole number of at least ${min}, got ${value}`);
  }
  return value;
}

function readAssetBaseUrl(config: Config | undefined): string | undefined {
  const value = config?.getOptionalString('assetBaseUrl');
  if (value === undefined) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.search || url.hash) {
    throw new Error(`Invalid config at registry.assetBaseUrl: expected an http(s) URL without query, got ${value}`);
  }
  return value.replace(/\/+$/, '');
}

/** Reads the asset keys of `registry.*`; invalid values fail start-up with the key named. */
export function readAssetConfig(registry: Config | undefined): AssetConfig {
  const assetBaseUrl = readAssetBaseUrl(registry);
  return {
    ...(assetBaseUrl ? { assetBaseUrl } : {}),
    signaturePeriodSeconds: readWholeNumber(
      registry,
      'assetSignature.periodSeconds',
      DEFAULT_SIGNING_PERIOD_SECONDS,
      MIN_SIGNING_PERIOD_SECONDS,
    ),
    keyRotationPeriods: readWholeNumber(registry, 'assetSignature.keyRotationPeriods', DEFAULT_KEY_ROTATION_PERIODS, 1),
  };
}
