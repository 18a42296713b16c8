import { consoleStyles } from './styles';
import { RemoteRow } from './RemoteRow';
import { useRegistry } from './useRegistry';
import { useLoadTimes } from './useLoadTimes';

/** Every remote this user may see, its versions and tracks, with the actions allowed. */
export function RegistryConsole() {
  const { remotes, loading, errorMessage, reload, act } = useRegistry();
  const loadTimes = useLoadTimes(remotes);
  return (
    <div className="portico-console">
      <style>{consoleStyles}</style>
      <h1>Registry</h1>
      <p className="console__muted">
        Publish with <code>portico publish</code>; promote, canary and roll back here or with the CLI. Changes reach
        users on their next page load.
      </p>
      {loading && !remotes && !errorMessage && (
        <p role="status" data-testid="registry-loading">
          Loading remotes…
        </p>
      )}
      {errorMessage && (
        <div role="alert" data-testid="registry-error">
          <p>Could not load the registry: {errorMessage}</p>
          <button type="button" onClick={reload}>
            Try again
          </button>
        </div>
      )}
      {remotes && (
        <table className="console__table" data-testid="registry-table">
          <caption className="visually-hidden">Remotes in the registry</caption>
          <thead>
            <tr>
              <th scope="col">Remote</th>
              <th scope="col">Live</th>
              <th scope="col">Canary</th>
              <th scope="col">Versions</th>
              <th scope="col">Load time (users)</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {remotes.map(remote => (
              <RemoteRow
                key={remote.name}
                remote={remote}
                act={act}
                loadTimes={loadTimes.filter(summary => summary.remote === remote.name)}
              />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
