import { InputError } from '@backstage/errors';
import { describeZodError } from '@portico/contract/schemas';
import { z } from 'zod';

/** Parses `value` with `schema`, or throws an InputError naming `field` and what is wrong with it. */
export function parseWithSchema<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, value: unknown, field: string): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(describeZodError(field, result.error));
  }
  return result.data;
}
