import { remoteNameSchema } from '@portico/contract/schemas';
import { Request } from 'express';
import { z } from 'zod';
import { UnsupportedMediaTypeError } from '../../errors';
import { parseWithSchema } from '../../parseWithSchema';

/** The `:name` of a remote route. */
export function parseRemoteName(req: Request): string {
  return parseWithSchema(remoteNameSchema, req.params.name, 'name');
}

/** The request's JSON body, parsed with `schema`; 415 for any other media type. */
export function parseJsonBody<T>(req: Request, schema: z.ZodType<T, z.ZodTypeDef, unknown>): T {
  if (!req.is('application/json')) {
    throw new UnsupportedMediaTypeError(
      `content-type: expected application/json, got ${req.get('content-type') ?? 'none'}`,
    );
  }
  return parseWithSchema(schema, req.body, 'body');
}
