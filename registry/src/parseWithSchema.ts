import { InputError } from '@backstage/errors';
import { describeZodError, isReservedFailure } from '@portico/contract/schemas';
import { z } from 'zod';
import { UnprocessableError } from './errors';

/**
 * Parses `value` with `schema`, or throws an error naming `field` and what is wrong with it: an
 * InputError (400) for malformed input, an UnprocessableError (422) when the only problem is a
 * well-formed remote name or route that the shell or the backend keeps for itself.
 */
export function parseWithSchema<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const message = describeZodError(field, result.error);
    throw isReservedFailure(result.error) ? new UnprocessableError(message) : new InputError(message);
  }
  return result.data;
}
