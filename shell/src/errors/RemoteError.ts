/**
 * Stable error codes for everything that can go wrong with a remote, shown on the error card
 * and set as `data-error-code` on it, and reported to the backend with each remote load.
 * Modelled on module-federation/core's error-codes: a code, a message, the remote it concerns.
 * A code never changes meaning once published; shell/README.md lists them all.
 */
import { messageOf } from './messageOf';

export const RemoteErrorCode = {
  /** The manifest entry for the remote is unusable (no entry URL, a malformed integrity...). */
  ManifestInvalid: 'PORTICO_REMOTE_MANIFEST_INVALID',
  /** The entry script answered 404 or 410: it is gone, retrying will not help. */
  EntryNotFound: 'PORTICO_REMOTE_ENTRY_NOT_FOUND',
  /** The entry script answered a server error (5xx, 429) even after the automatic retries. */
  EntryServerError: 'PORTICO_REMOTE_ENTRY_SERVER_ERROR',
  /** The entry script could not be fetched at all (network, DNS, CORS), even after retries. */
  EntryUnreachable: 'PORTICO_REMOTE_ENTRY_UNREACHABLE',
  /** Loading the remote took longer than the configured timeout (`remoteLoadTimeoutMs`). */
  Timeout: 'PORTICO_REMOTE_TIMEOUT',
  /** The bytes of the entry differ from the SHA-384 the registry published. */
  IntegrityFailed: 'PORTICO_REMOTE_INTEGRITY_FAILED',
  /** The Content-Security-Policy of the shell does not admit the remote's origin. */
  BlockedByPolicy: 'PORTICO_REMOTE_BLOCKED_BY_CSP',
  /** The entry loaded, but it is not a federation container of the expected name. */
  NotAContainer: 'PORTICO_REMOTE_NOT_A_CONTAINER',
  /** The entry or the `./plugin` module threw while evaluating. */
  EvaluationFailed: 'PORTICO_REMOTE_EVALUATION_FAILED',
  /** The remote requires a version of a shared singleton the shell does not provide. */
  IncompatibleShared: 'PORTICO_REMOTE_INCOMPATIBLE_SHARED',
  /** Any other failure to load the remote's code (a chunk that failed, container init...). */
  LoadFailed: 'PORTICO_REMOTE_LOAD_FAILED',
  /** The module loaded, but its default export is neither a frontend plugin nor a component. */
  Invalid: 'PORTICO_REMOTE_INVALID',
  /** The plugin threw while rendering. */
  RenderFailed: 'PORTICO_REMOTE_RENDER_FAILED',
} as const;

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
