/**
 * Errors about one remote, each with a stable code shown on the error card and set as
 * `data-error-code` on it, and reported to the backend with each remote load. Modelled on
 * module-federation/core's error-codes: a code, a message, the remote it concerns. The codes live
 * in `@portico/contract/remoteErrorCodes`, because the real-user timing intake accepts those and
 * no other; a code never changes meaning once published; shell/README.md lists them all.
 */
import { RemoteErrorCode as CONTRACT_CODES } from '@portico/contract/remoteErrorCodes';
import { messageOf } from './messageOf';

/** The shell's error codes by name (`RemoteErrorCode.Timeout`), as the contract defines them. */
export const RemoteErrorCode = CONTRACT_CODES;

export type RemoteErrorCode = (typeof RemoteErrorCode)[keyof typeof RemoteErrorCode];

/** Failures worth trying again automatically, with backoff, before the error card shows. */
const TRANSIENT_CODES: ReadonlySet<RemoteErrorCode> = new Set([
  RemoteErrorCode.EntryServerError,
  RemoteErrorCode.EntryUnreachable,
  RemoteErrorCode.LoadFailed,
]);

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

  /** Whether an automatic retry may succeed where this attempt failed. */
  get transient(): boolean {
    return TRANSIENT_CODES.has(this.code);
  }
}

export { messageOf };

/** Webpack's chunk loading says only that a chunk failed; say what that can mean. */
export const CHUNK_FAILURE_HINT =
  'a chunk of the remote could not be fetched, or its bytes did not match the integrity hash its entry carries';

export function isChunkLoadError(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ChunkLoadError' || /^Loading chunk \S+ failed/.test(error.message));
}

/** The cause to show for a thrown value: its first line, explained when it is a failed chunk. */
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
