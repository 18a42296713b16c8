import { isError, ResponseError } from '@backstage/errors';

/**
 * What went wrong, in the registry's own words: the message of its error body when it answered
 * (such as `registry.remote.promote: user:default/linus may not do this to team_payments`), else
 * the error's message (the registry could not be reached, for one).
 */
export function describeRegistryError(error: unknown): string {
  if (ResponseError.is(error)) return error.body.error.message;
  return isError(error) ? error.message : String(error);
}
