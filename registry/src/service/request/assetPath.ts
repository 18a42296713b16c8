import { remoteNameSchema, versionSchema } from '@portico/contract/schemas';
import { Request } from 'express';
import { parseWithSchema } from '../../parseWithSchema';

/** Where the router serves version files, below the plugin's base URL. */
export const ASSETS_PATH = '/assets';

/** The base URL of version files, from the plugin's external base URL. */
export function assetBaseUrlOf(pluginBaseUrl: string): string {
  return `${pluginBaseUrl.replace(/\/$/, '')}${ASSETS_PATH}`;
}

/** `/assets/:name/:version/<path>`, or `.../~s/<signature>/<path>` under a signed prefix. */
export function parseAssetPath(req: Request) {
  const rest = (req.params as Record<string, string>)[0];
  const signed = /^~s\/([^/]+)\/(.+)$/.exec(rest);
  return {
    name: parseWithSchema(remoteNameSchema, req.params.name, 'name'),
    version: parseWithSchema(versionSchema, req.params.version, 'version'),
    path: signed ? signed[2] : rest,
    ...(signed ? { signature: signed[1] } : {}),
  };
}
