/**
 * Stable error codes for everything that can go wrong with a remote, shown on the error card
 * and set as `data-error-code` on it. Modelled on module-federation/core's error-codes: a code,
 * a message, the remote it concerns.
 */
export const RemoteErrorCode = {
  /** The remote's entry or one of its chunks could not be fetched, verified or evaluated. */
  LoadFailed: 'PORTICO_REMOTE_LOAD_FAILED',
  /** The module loaded, but its default export is not a usable Backstage frontend plugin. */
  Invalid: 'PORTICO_REMOTE_INVALID',
  /** The plugin threw while rendering. */
  RenderFailed: 'PORTICO_REMOTE_RENDER_FAILED',
} as const;

export type RemoteErrorCode = (typeof RemoteErrorCode)[keyof typeof RemoteErrorCode];

/** An error about one remote, carrying a stable code and the underlying cause. */
export class RemoteError extends Error {
  readonly code: RemoteErrorCode;
  /** Longer technical text (the federation runtime's full report, a stack), if any. */
  readonly details?: string;

  constructor(code: RemoteErrorCode, message: string, options?: { cause?: unknown; details?: string }) {
    super(message, { cause: options?.cause });
    this.name = 'RemoteError';
    this.code = code;
    this.details = options?.details;
  }
}

/** The message of any thrown value. */
export function messageOf(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

/** Webpack's chunk loading says only that a chunk failed; say what that can mean. */
export const CHUNK_FAILURE_HINT =
  'a chunk of the remote could not be fetched, or its bytes did not match the integrity hash its entry carries';

function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ChunkLoadError' || /^Loading chunk \S+ failed/.test(error.message));
}

/** The cause to show for a thrown value: its message, explained when it is a failed chunk. */
export function causeOf(error: unknown): string {
  const message = messageOf(error).split('\n')[0];
  return isChunkLoadError(error) ? `${message} (${CHUNK_FAILURE_HINT})` : message;
}

/** Wraps any thrown value in a RemoteError, keeping one that already is. */
export function toRemoteError(error: unknown, fallbackCode: RemoteErrorCode): RemoteError {
  if (error instanceof RemoteError) return error;
  const code = isChunkLoadError(error) ? RemoteErrorCode.LoadFailed : fallbackCode;
  return new RemoteError(code, causeOf(error), {
    cause: error,
    details: error instanceof Error ? error.stack : undefined,
  });
}
