import { InputError } from '@backstage/errors';
import { entryPathOf, FederationManifest } from '../../bundle/federationManifest';
import { sha384Hex } from '../AssetStore';
import { ExternalRemotesConfig } from './externalRemotesConfig';
import { pinExternalFiles } from './pinExternalFiles';
import { FetchSession, ResolveHost, safeFetch } from './safeFetch';

/** How the registry reaches remotes hosted elsewhere. */
export interface ExternalFetchOptions {
  config: ExternalRemotesConfig;
  /** Resolves host names; tests replace it. */
  resolveHost?: ResolveHost;
}

/**
 * Fetches an externally hosted remote's `mf-manifest.json`, then its entry and every file the
 * manifest lists, so that the registry can check the federation name, record the entry's
 * integrity and refuse a remote whose files the entry does not pin. Every request goes through
 * `safeFetch`, and all of one registration's requests share one deadline.
 */
export async function fetchExternalRemote(manifestUrl: string, options: ExternalFetchOptions) {
  const session: FetchSession = {
    config: options.config,
    resolveHost: options.resolveHost,
    deadline: Date.now() + options.config.totalTimeoutMs,
  };
  const bytes = await safeFetch(manifestUrl, 'manifestUrl', session);
  let manifestJson: unknown;
  try {
    manifestJson = JSON.parse(bytes.toString('utf8'));
  } catch {
    // The parser's message quotes the body; the host's answer is not echoed.
    throw new InputError(`manifestUrl: ${manifestUrl} is not valid JSON`);
  }
  return {
    manifestJson,
    /** Fetches the entry and the files it must pin; resolves the entry's URL and digest. */
    async fetchEntry(manifest: FederationManifest) {
      const url = new URL(entryPathOf(manifest), manifestUrl).toString();
      const entryBytes = await safeFetch(url, 'manifestUrl: metaData.remoteEntry', session);
      await pinExternalFiles({
        manifestJson,
        manifestUrl,
        entryUrl: url,
        entryBytes,
        maxFiles: options.config.maxFiles,
        fetchFile: file => safeFetch(file, 'manifestUrl', session),
      });
      return { url, digest: sha384Hex(entryBytes) };
    },
  };
}
