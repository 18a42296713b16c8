import { CustomErrorBase } from '@backstage/errors';

/**
 * A request body in a media type the endpoint does not take. Backstage's error middleware
 * answers with an error's own `statusCode`, so this becomes a 415 with the usual JSON body.
 */
export class UnsupportedMediaTypeError extends CustomErrorBase {
  name = 'UnsupportedMediaTypeError' as const;
  statusCode = 415;
}

/**
 * A well-formed request the registry will not carry out because of what it would do, such as a
 * remote needing shared-dependency versions the live shell cannot provide (422).
 */
export class UnprocessableError extends CustomErrorBase {
  name = 'UnprocessableError' as const;
  statusCode = 422;
}

/** A request over one of the registry's size limits (413); the message names the limit and its value. */
export class PayloadTooLargeError extends CustomErrorBase {
  name = 'PayloadTooLargeError' as const;
  statusCode = 413;
}

/** A caller with too many requests of one kind in progress at once (429); the message names the limit. */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429;
}
