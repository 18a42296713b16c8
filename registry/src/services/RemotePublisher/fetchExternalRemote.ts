import { InputError } from '@backstage/errors';
import { entryPathOf, FederationManifest } from '../../bundle/federationManifest';
import { sha384Hex } from '../AssetStore';

/** How long the registry waits for an externally hosted manifest or entry. */
export const EXTERNAL_FETCH_TIMEOUT_MS = 10_000;

async function fetchBytes(url: string, field: string, fetchImpl: typeof fetch): Promise<Buffer> {
  let response: Response;
  try {
    response = await fetchImpl(url, { signal: AbortSignal.timeout(EXTERNAL_FETCH_TIMEOUT_MS) });
  } catch (error) {
    throw new InputError(`${field}: could not fetch ${url} (${(error as Error).message})`);
  }
  if (!response.ok) {
    throw new InputError(`${field}: ${url} answered ${response.status}`);
  }
  return Buffer.from(await response.arrayBuffer());
}

/**
 * Fetches an externally hosted remote's `mf-manifest.json`, and then its entry, so that the
 * registry can check the federation name and record the entry's integrity at publish time.
 */
export async function fetchExternalRemote(manifestUrl: string, fetchImpl: typeof fetch) {
  const bytes = await fetchBytes(manifestUrl, 'manifestUrl', fetchImpl);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(bytes.toString('utf8'));
  } catch (error) {
    throw new InputError(`manifestUrl: ${manifestUrl} is not valid JSON (${(error as Error).message})`);
  }
  return {
    manifestJson,
    async fetchEntry(manifest: FederationManifest) {
      const url = new URL(entryPathOf(manifest), manifestUrl).toString();
      const entryBytes = await fetchBytes(url, 'manifestUrl: metaData.remoteEntry', fetchImpl);
      return { url, digest: sha384Hex(entryBytes) };
    },
  };
}
