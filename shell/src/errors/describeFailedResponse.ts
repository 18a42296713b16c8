/** The message ResponseError.fromResponse makes up when the body is not a Backstage error body. */
const MADE_UP_MESSAGE = /^Request failed with status /;

/**
 * Describes a response that is not ok: its status line, then the message of its Backstage error
 * body (`{ error: { message }, response: { statusCode } }`) when it has one, such as
 * `401 Unauthorized: Refresh failed`. Consumes the body.
 *
 * The body is read by `ResponseError.fromResponse` of `@backstage/errors`, imported here on the
 * failure path only: the first screen (sign-in, the manifest) does not carry the package.
 */
export async function describeFailedResponse(response: Response): Promise<string> {
  const statusLine = `${response.status} ${response.statusText}`;
  try {
    const { ResponseError } = await import(/* webpackChunkName: "backstage-errors" */ '@backstage/errors');
    const message = (await ResponseError.fromResponse(response)).cause.message;
    return message && !MADE_UP_MESSAGE.test(message) ? `${statusLine}: ${message}` : statusLine;
  } catch {
    // The chunk could not be loaded, or the body read: the status line is all there is.
    return statusLine;
  }
}
