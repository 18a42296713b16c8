import { classifyFailure, needsProbe } from './classifyFailure';

const remote = {
  name: 'team_payments',
  entry: 'http://localhost:7007/api/registry/assets/team_payments/1.0.0/remoteEntry.js',
  integrity: 'sha384-abc',
};
const runtimeError = (message: string) => new Error(`[ Federation Runtime ]: ${message}`);
const networkError = runtimeError(
  `RUNTIME-008 Failed to load script resources. ScriptNetworkError: Failed to load script "${remote.entry}"`,
);

describe('classifyFailure', () => {
  it('names the shared singleton a remote needs in another version', () => {
    const error = classifyFailure({
      remote,
      error: new Error('shared'),
      stage: 'factory',
      sharedProblem: { pkgName: 'react', requiredVersion: '^19.0.0', providedVersion: '18.3.1' },
    });
    expect(error.code).toBe('PORTICO_REMOTE_INCOMPATIBLE_SHARED');
    expect(error.message).toContain('requires react ^19.0.0, but the shell provides react 18.3.1');
  });

  it('calls a load that outlived the timeout, or a script the runtime gave up on, a timeout', () => {
    expect(classifyFailure({ remote, error: new Error('x'), timeoutMs: 4000 }).message).toBe(
      `${remote.entry} did not load within 4.0 s`,
    );
    const scriptTimeout = runtimeError(`RUNTIME-008 ScriptNetworkError: Script "${remote.entry}" timed out.`);
    expect(classifyFailure({ remote, error: scriptTimeout, stage: 'entry' }).code).toBe('PORTICO_REMOTE_TIMEOUT');
  });

  it('says when the Content-Security-Policy blocked the entry', () => {
    const error = classifyFailure({ remote, error: networkError, stage: 'entry', blockedByPolicy: true });
    expect(error.code).toBe('PORTICO_REMOTE_BLOCKED_BY_CSP');
    expect(error.message).toContain('http://localhost:7007');
  });

  it('tells a module that threw while evaluating from one that failed to load', () => {
    const error = classifyFailure({ remote, error: new Error('boom'), stage: 'factory' });
    expect(error.code).toBe('PORTICO_REMOTE_EVALUATION_FAILED');
    expect(error.message).toBe('./plugin threw while evaluating: boom');
    const entryThrew = runtimeError(
      `ScriptExecutionError: Script "${remote.entry}" loaded but threw a runtime error during execution: x`,
    );
    expect(
      classifyFailure({
        remote,
        error: entryThrew,
        stage: 'entry',
        probe: { kind: 'ok', contentType: 'text/javascript' },
      }).code,
    ).toBe('PORTICO_REMOTE_EVALUATION_FAILED');
  });

  it('maps what the entry answers when fetched again', () => {
    const classify = (probe: Parameters<typeof classifyFailure>[0]['probe']) =>
      classifyFailure({ remote, error: networkError, stage: 'entry', probe });
    expect(classify({ kind: 'status', status: 404, statusText: 'Not Found' }).code).toBe(
      'PORTICO_REMOTE_ENTRY_NOT_FOUND',
    );
    expect(classify({ kind: 'status', status: 503, statusText: 'Service Unavailable' }).code).toBe(
      'PORTICO_REMOTE_ENTRY_SERVER_ERROR',
    );
    expect(classify({ kind: 'status', status: 403, statusText: 'Forbidden' }).code).toBe(
      'PORTICO_REMOTE_ENTRY_UNREACHABLE',
    );
    expect(classify({ kind: 'unreachable', message: 'Failed to fetch' }).code).toBe('PORTICO_REMOTE_ENTRY_UNREACHABLE');
    const mismatch = classify({ kind: 'integrity-mismatch', expected: 'sha384-abc', actual: 'sha384-def' });
    expect(mismatch.code).toBe('PORTICO_REMOTE_INTEGRITY_FAILED');
    expect(mismatch.message).toContain('the registry published sha384-abc, the server sent sha384-def');
  });

  it('calls an entry served as something other than JavaScript not a container', () => {
    const error = classifyFailure({
      remote,
      error: networkError,
      stage: 'entry',
      probe: { kind: 'ok', contentType: 'text/html; charset=utf-8' },
    });
    expect(error.code).toBe('PORTICO_REMOTE_NOT_A_CONTAINER');
    expect(error.message).toContain('is not JavaScript: its server answers text/html');
    const noContainer = runtimeError('RUNTIME-001 Failed to get remoteEntry exports.');
    expect(
      classifyFailure({
        remote,
        error: noContainer,
        stage: 'entry',
        probe: { kind: 'ok', contentType: 'text/javascript' },
      }).code,
    ).toBe('PORTICO_REMOTE_NOT_A_CONTAINER');
  });

  it('marks server and network failures transient, the rest not', () => {
    const classify = (probe: Parameters<typeof classifyFailure>[0]['probe']) =>
      classifyFailure({ remote, error: networkError, stage: 'entry', probe });
    expect(classify({ kind: 'status', status: 500, statusText: '' }).transient).toBe(true);
    expect(classify({ kind: 'unreachable', message: 'x' }).transient).toBe(true);
    expect(classify({ kind: 'status', status: 404, statusText: '' }).transient).toBe(false);
    expect(classify({ kind: 'integrity-mismatch', expected: 'a', actual: 'b' }).transient).toBe(false);
  });
});

describe('needsProbe', () => {
  it('probes entry failures only, and not when the cause is known already', () => {
    expect(needsProbe({ remote, error: networkError, stage: 'entry' })).toBe(true);
    expect(needsProbe({ remote, error: new Error('boom'), stage: 'factory' })).toBe(false);
    expect(needsProbe({ remote, error: networkError, stage: 'entry', blockedByPolicy: true })).toBe(false);
    expect(needsProbe({ remote, error: networkError, stage: 'entry', timeoutMs: 1000 })).toBe(false);
  });
});
