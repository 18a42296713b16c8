import { InputError } from '@backstage/errors';
import { z } from 'zod';
import { UnprocessableError } from '../../errors';
import { sha384Hex, toIntegrity } from '../AssetStore';

const fileListSchema = z.object({ sync: z.array(z.string()).optional(), async: z.array(z.string()).optional() });
const withAssetsSchema = z.object({
  assets: z.object({ js: fileListSchema.optional(), css: fileListSchema.optional() }).optional(),
});
/** The parts of `mf-manifest.json` that list a remote's files (the federation manifest schema drops them). */
const listedAssetsSchema = z.object({
  metaData: z.object({ publicPath: z.string().optional() }).optional(),
  exposes: z.array(withAssetsSchema).optional(),
  shared: z.array(withAssetsSchema).optional(),
});

/**
 * The JavaScript and CSS files `mf-manifest.json` lists for the exposed modules (`./plugin` and
 * any other) and for the shared modules' fallbacks, sync and async, each once, resolved against
 * the remote's public path (the entry's folder when it is `auto`).
 */
export function listedFileUrls(manifestJson: unknown, manifestUrl: string, entryUrl: string): string[] {
  const parsed = listedAssetsSchema.safeParse(manifestJson);
  if (!parsed.success) {
    const at = parsed.error.issues[0]?.path.join('.') ?? '';
    throw new InputError(`manifestUrl: ${at}: the file lists of mf-manifest.json are malformed`);
  }
  const { metaData, exposes = [], shared = [] } = parsed.data;
  const publicPath = metaData?.publicPath;
  const base = publicPath && publicPath !== 'auto' ? new URL(publicPath, manifestUrl).toString() : entryUrl;
  const urls = new Set<string>();
  for (const { assets } of [...exposes, ...shared]) {
    for (const list of [assets?.js, assets?.css]) {
      for (const file of [...(list?.sync ?? []), ...(list?.async ?? [])]) {
        try {
          urls.add(new URL(file, base).toString());
        } catch {
          throw new InputError(`manifestUrl: ${JSON.stringify(file)} in mf-manifest.json is not a file path`);
        }
      }
    }
  }
  return [...urls];
}

/**
 * The SRI strings the entry's runtime gives the chunks it loads: webpack-subresource-integrity
 * writes them as `sriHashes` (and `sriCssHashes`) maps from chunk id to `sha384-...`, or `null`
 * for a chunk without a file. Undefined when the entry has no such map.
 */
export function embeddedIntegrities(entry: Buffer): Set<string> | undefined {
  const source = entry.toString('utf8');
  const maps = [...source.matchAll(/\bsri(?:Css)?Hashes\s*=\s*\{([^{}]*)\}/g)];
  if (maps.length === 0) return undefined;
  const integrities = new Set<string>();
  for (const [, body] of maps) {
    for (const [integrity] of body.matchAll(/sha384-[A-Za-z0-9+/]+={0,2}/g)) {
      integrities.add(integrity);
    }
  }
  return integrities;
}

export interface PinOptions {
  manifestJson: unknown;
  manifestUrl: string;
  entryUrl: string;
  entryBytes: Buffer;
  maxFiles: number;
  /** Fetches one listed file within the registration's limits. */
  fetchFile(url: string): Promise<Buffer>;
}

/**
 * Checks that every file the manifest lists is pinned by the entry: its SHA-384 is among the
 * SRI hashes the entry's runtime loads chunks with. The shell checks the entry's own integrity,
 * so a pinned file cannot be swapped on its host later without the browser refusing it.
 * Refuses (422) naming the first file that is unpinned or differs.
 */
export async function pinExternalFiles(options: PinOptions): Promise<void> {
  const urls = listedFileUrls(options.manifestJson, options.manifestUrl, options.entryUrl);
  if (urls.length === 0) return;
  if (urls.length > options.maxFiles) {
    throw new UnprocessableError(
      `manifestUrl: mf-manifest.json lists ${urls.length} files, more than ` +
        `registry.externalRemotes.maxFiles (${options.maxFiles})`,
    );
  }
  const pinned = embeddedIntegrities(options.entryBytes);
  if (!pinned) {
    throw new UnprocessableError(
      `manifestUrl: ${urls[0]} is unpinned: remoteEntry.js embeds no integrity hashes for its chunks ` +
        '(build the remote with webpack-subresource-integrity, as @portico/contract/webpack does)',
    );
  }
  for (const url of urls) {
    const integrity = toIntegrity(sha384Hex(await options.fetchFile(url)));
    if (!pinned.has(integrity)) {
      throw new UnprocessableError(
        `manifestUrl: ${url} is unpinned or does not match: remoteEntry.js embeds no integrity hash equal to ` +
          `its ${integrity}`,
      );
    }
  }
}
