import { groupRefSchema } from '@portico/contract/schemas';
import { Request } from 'express';
import { PayloadTooLargeError, UnsupportedMediaTypeError } from '../../errors';
import { parseWithSchema } from '../../parseWithSchema';
import { PublishSource } from '../../services/RemotePublisher';
import { externalPublishSchema } from './schemas';

/** Media types a publish upload may use: a gzipped tar of the remote's dist folder. */
export const ARCHIVE_MEDIA_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tgz'];

/**
 * The header an upload names its remote's owner in. The archive is read only after the publish
 * is authorized, and a remote that does not exist yet is judged by the owner it will have.
 */
export const OWNER_HEADER = 'X-Portico-Owner';

/**
 * A publish's body: an upload of the built remote, not read yet (the request itself is the
 * stream), or the description of one hosted elsewhere (JSON, small, already parsed). Only
 * headers are read here: a declared length over the limit is refused before anything else.
 */
export function readPublishSource(req: Request, limits: { maxUploadBytes: number }): PublishSource {
  if (req.is(ARCHIVE_MEDIA_TYPES)) {
    const length = Number(req.get('content-length'));
    if (length > limits.maxUploadBytes) {
      throw new PayloadTooLargeError(
        `archive: upload exceeds registry.maxUploadBytes (${limits.maxUploadBytes} bytes)`,
      );
    }
    const header = req.get(OWNER_HEADER);
    const owner = header === undefined ? undefined : parseWithSchema(groupRefSchema, header, 'owner');
    return { archive: req, owner };
  }
  if (req.is('application/json')) {
    return { external: parseWithSchema(externalPublishSchema, req.body, 'body') };
  }
  throw new UnsupportedMediaTypeError(
    `content-type: expected ${ARCHIVE_MEDIA_TYPES[0]} (a tar.gz of the built remote) or application/json ` +
      `(an external manifestUrl), got ${req.get('content-type') ?? 'none'}`,
  );
}
