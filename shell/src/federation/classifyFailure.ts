/**
 * Turns what the shell knows about a failed remote load into a RemoteError with a stable code.
 * Pure: the federation runtime module gathers the facts (which lifecycle stage failed, what the
 * entry answers when fetched again, whether the Content-Security-Policy blocked it) and asks here.
 */
import { RemoteError, RemoteErrorCode, causeOf, messageOf } from '../errors/RemoteError';

/** Where in the federation runtime's lifecycle the load failed. */
export type LoadStage = 'entry' | 'init' | 'expose' | 'factory';

/** What fetching the entry again (outside the federation runtime) showed. */
export type EntryProbe =
  | { kind: 'ok'; contentType?: string }
  | { kind: 'status'; status: number; statusText: string }
  | { kind: 'integrity-mismatch'; expected: string; actual: string }
  | { kind: 'unreachable'; message: string };

/** A shared singleton whose required version the shell's copy does not satisfy. */
export interface SharedProblem {
  pkgName: string;
  requiredVersion: string;
  /** The version the shell provides, when known. */
  providedVersion?: string;
}

export interface LoadFailureFacts {
  remote: { name: string; entry: string; integrity?: string };
  /** What the load threw. */
  error: unknown;
  stage?: LoadStage;
  sharedProblem?: SharedProblem;
  /** The browser reported a Content-Security-Policy violation for the entry's URL. */
  blockedByPolicy?: boolean;
  /** The configured timeout elapsed before the load finished. */
  timeoutMs?: number;
  probe?: EntryProbe;
}

const SCRIPT_EXECUTION_ERROR = /ScriptExecutionError: .*/;
const SCRIPT_TIMEOUT = /ScriptNetworkError: Script "[^"]*" timed out/;
/** RUNTIME-001: the script ran but defined no container global of the remote's name. */
const NO_CONTAINER = 'RUNTIME-001';
/** RUNTIME-002: a global of that name exists but is not a container (no `init`). */
const NOT_CONTAINER = 'RUNTIME-002';

/** Whether fetching the entry again would tell more than the runtime's report. */
export function needsProbe(facts: Omit<LoadFailureFacts, 'probe'>): boolean {
  if (facts.sharedProblem || facts.blockedByPolicy || facts.timeoutMs !== undefined) return false;
  return facts.stage === 'entry' && !SCRIPT_TIMEOUT.test(messageOf(facts.error));
}

const JAVASCRIPT_TYPE = /\b(java|ecma)script\b/i;

/** The RemoteError for a failed load. */
export function classifyFailure(facts: LoadFailureFacts): RemoteError {
  const { remote, error } = facts;
  const report = messageOf(error);
  const make = (code: RemoteErrorCode, message: string) =>
    new RemoteError(code, message, { cause: error, details: report !== message ? report : undefined });

  if (facts.sharedProblem) {
    const { pkgName, requiredVersion, providedVersion } = facts.sharedProblem;
    return make(
      RemoteErrorCode.IncompatibleShared,
      `${remote.name} requires ${pkgName} ${requiredVersion}, ` +
        `but the shell provides ${pkgName} ${providedVersion ?? 'another version'}; ` +
        `it must be rebuilt against the shell's shared dependencies`,
    );
  }
  if (facts.timeoutMs !== undefined || SCRIPT_TIMEOUT.test(report)) {
    const seconds = facts.timeoutMs !== undefined ? ` within ${(facts.timeoutMs / 1000).toFixed(1)} s` : '';
    return make(RemoteErrorCode.Timeout, `${remote.entry} did not load${seconds}`);
  }
  if (facts.blockedByPolicy) {
    return make(
      RemoteErrorCode.BlockedByPolicy,
      `the shell's Content-Security-Policy does not allow scripts from ${originOf(remote.entry)}`,
    );
  }
  const probe = facts.probe;
  if (probe?.kind === 'ok' && probe.contentType && !JAVASCRIPT_TYPE.test(probe.contentType)) {
    return make(
      RemoteErrorCode.NotAContainer,
      `${remote.entry} is not JavaScript: its server answers ${probe.contentType.split(';')[0]} (a web server's fallback page?)`,
    );
  }
  if (facts.stage === 'factory') {
    return make(RemoteErrorCode.EvaluationFailed, `./plugin threw while evaluating: ${causeOf(error)}`);
  }
  const execution = SCRIPT_EXECUTION_ERROR.exec(report);
  if (execution) {
    return make(RemoteErrorCode.EvaluationFailed, `${remote.entry} threw while evaluating: ${execution[0]}`);
  }
  if (report.includes(NO_CONTAINER) || report.includes(NOT_CONTAINER)) {
    return make(
      RemoteErrorCode.NotAContainer,
      `${remote.entry} loaded but is not a federation container named "${remote.name}"`,
    );
  }
  if (probe?.kind === 'integrity-mismatch') {
    return make(
      RemoteErrorCode.IntegrityFailed,
      `integrity check failed for ${remote.entry}: the registry published ${probe.expected}, the server sent ${probe.actual}`,
    );
  }
  if (probe?.kind === 'status') {
    const answered = `${remote.entry} answered ${probe.status} ${probe.statusText}`.trim();
    if (probe.status === 404 || probe.status === 410) return make(RemoteErrorCode.EntryNotFound, answered);
    if (probe.status >= 500 || probe.status === 429) return make(RemoteErrorCode.EntryServerError, answered);
    return make(RemoteErrorCode.EntryUnreachable, answered);
  }
  if (probe?.kind === 'unreachable') {
    return make(RemoteErrorCode.EntryUnreachable, `${remote.entry} could not be fetched (${probe.message})`);
  }
  if (facts.stage === 'entry') {
    // The runtime failed to load a script the probe fetched fine: a transient failure.
    return make(RemoteErrorCode.EntryUnreachable, `${remote.entry} failed to load (${report.split('\n')[0]})`);
  }
  return make(RemoteErrorCode.LoadFailed, causeOf(error));
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}
