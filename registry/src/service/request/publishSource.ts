import { Request } from 'express';
import { UnsupportedMediaTypeError } from '../../errors';
import { parseWithSchema } from '../../parseWithSchema';
import { PublishSource } from '../../services/RemotePublisher';
import { externalPublishSchema } from './schemas';

/** Media types a publish upload may use: a gzipped tar of the remote's dist folder. */
export const ARCHIVE_MEDIA_TYPES = ['application/gzip', 'application/x-gzip', 'application/x-tgz'];

/** A publish's body: an archive of the built remote, or the description of one hosted elsewhere. */
export function readPublishSource(req: Request): PublishSource {
  if (req.is(ARCHIVE_MEDIA_TYPES) && Buffer.isBuffer(req.body)) {
    return { archive: req.body };
  }
  if (req.is('application/json')) {
    return { external: parseWithSchema(externalPublishSchema, req.body, 'body') };
  }
  throw new UnsupportedMediaTypeError(
    `content-type: expected ${ARCHIVE_MEDIA_TYPES[0]} (a tar.gz of the built remote) or application/json ` +
      `(an external manifestUrl), got ${req.get('content-type') ?? 'none'}`,
  );
}
