// @ts-check
/**
 * The stable error codes of everything that can go wrong with a remote in the shell: shown on
 * its error card, set as `data-error-code` on it, and reported with each remote load to the
 * real-user timing intake, which accepts these and no other (each code is a metric label, so a
 * free-text code would grow the label space without bound).
 *
 * A code never changes meaning once published; shell/README.md lists them all. Plain CommonJS
 * with no dependency, so that the shell's first screen pays nothing for it.
 */

const RemoteErrorCode = Object.freeze({
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
});

/**
 * Every code, for validating a report.
 * @type {ReadonlyArray<(typeof RemoteErrorCode)[keyof typeof RemoteErrorCode]>}
 */
const REMOTE_ERROR_CODES = Object.freeze(Object.values(RemoteErrorCode));

/**
 * Whether `value` is one of the shell's codes.
 * @param {unknown} value
 * @returns {value is (typeof RemoteErrorCode)[keyof typeof RemoteErrorCode]}
 */
function isRemoteErrorCode(value) {
  return typeof value === 'string' && /** @type {readonly string[]} */ (REMOTE_ERROR_CODES).includes(value);
}

module.exports = { RemoteErrorCode, REMOTE_ERROR_CODES, isRemoteErrorCode };
