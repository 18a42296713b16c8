import { CustomErrorBase } from '@backstage/errors';

/**
 * A caller over a rate limit (429). Backstage's error middleware answers with an error's own
 * `statusCode`, so this becomes a 429 with the usual JSON body; the message names the limit.
 */
export class TooManyRequestsError extends CustomErrorBase {
  name = 'TooManyRequestsError' as const;
  statusCode = 429;
}
