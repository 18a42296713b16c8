import { ResponseError } from '@backstage/errors';

/**
 * What a failed backend call says to the user: the backend's own message when its error body
 * has one, the status otherwise (the catalog's NotAllowedError, for one, has an empty message).
 */
export function describeResponseError(error: Error): string {
  if (!(error instanceof ResponseError)) return error.message;
  return error.cause.message || `${error.statusCode} ${error.statusText}`.trim();
}
