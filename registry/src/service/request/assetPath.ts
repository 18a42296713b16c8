import { remoteNameSchema, versionSchema } from '@portico/contract/schemas';
import { NextFunction, Request, Response } from 'express';
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

const SIGNED_SEGMENT = /\/~s\/[^/?#]+/g;
/** What a signature reads as in logs. */
export const REDACTED_SIGNATURE = '/~s/redacted';

/**
 * Keeps asset signatures out of logs. A signed URL is a credential (for one to two hours), and
 * Backstage's request log and auditor write `req.originalUrl` (and the Referer) when the response
 * finishes. Routing reads `req.url`, so only the copies that are logged are rewritten.
 */
export function redactAssetSignature(req: Request, _res: Response, next: NextFunction) {
  req.originalUrl = req.originalUrl.replace(SIGNED_SEGMENT, REDACTED_SIGNATURE);
  for (const header of ['referer', 'referrer'] as const) {
    const value = req.headers[header];
    if (typeof value === 'string') req.headers[header] = value.replace(SIGNED_SEGMENT, REDACTED_SIGNATURE);
  }
  next();
}
