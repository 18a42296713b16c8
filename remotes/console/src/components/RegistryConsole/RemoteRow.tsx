import { useState } from 'react';
import type { RemoteSummary } from '@portico/contract';
import { describeLoadTimes, type RemoteLoadSummary } from './useLoadTimes';
import type { ActOnRegistry, RegistryChange } from './useRegistry';
import { useRemotePermissions } from './useRemotePermissions';

interface Props {
  remote: RemoteSummary;
  /** Real-user load times of this remote's versions. */
  loadTimes: RemoteLoadSummary[];
  act: ActOnRegistry;
}

/**
 * One remote: its tracks and versions, and the actions the policy allows this user on it (asked
 * with `usePermission`; nothing is shown in the actions cell until the answer is in).
 */
export function RemoteRow({ remote, act, loadTimes }: Props) {
  const versions = [...remote.versions].reverse();
  const [version, setVersion] = useState(versions[0]?.version ?? '');
  const [percent, setPercent] = useState('100');
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<{ kind: 'error' | 'done'; text: string }>();
  const permissions = useRemotePermissions(remote.name);
  const canPromote = !permissions.loading && permissions.promote;
  const canRollback = !permissions.loading && permissions.rollback;

  async function run(label: string, change: RegistryChange) {
    setBusy(true);
    const error = await act(change);
    setBusy(false);
    setMessage(error ? { kind: 'error', text: error } : { kind: 'done', text: label });
  }

  const percentNumber = Number(percent);
  return (
    <tr data-testid="registry-remote" data-remote={remote.name}>
      <th scope="row">
        <span className="console__title">{remote.title}</span>
        <code>{remote.name}</code>
        <span className="console__muted">
          {remote.route} · {remote.owner.replace(/^group:default\//, '')}
        </span>
      </th>
      <td data-testid="live-version">{remote.liveVersion ?? '—'}</td>
      <td data-testid="canary">
        {remote.canary ? `${remote.canary.version} to ${remote.canary.percent}%` : '—'}
        {remote.deprecation && (
          <div className="console__warning">Deprecated, sunset {remote.deprecation.sunset.slice(0, 10)}</div>
        )}
      </td>
      <td>
        <ul className="console__versions" aria-label={`Versions of ${remote.title}`}>
          {versions.map(v => (
            <li key={v.version}>
              {v.version}
              {v.version === remote.liveVersion && <span className="console__badge">live</span>}
              {v.version === remote.canary?.version && (
                <span className="console__badge console__badge--canary">canary</span>
              )}
              {v.deprecation && <span className="console__badge console__badge--warn">deprecated</span>}
            </li>
          ))}
        </ul>
      </td>
      <td data-testid="load-times">
        {[remote.liveVersion, remote.canary?.version]
          .filter((v): v is string => Boolean(v))
          .map(v => {
            const text = describeLoadTimes(loadTimes.find(summary => summary.version === v));
            return (
              <div key={v}>
                <span className="console__muted">{v}</span> {text ?? '—'}
              </div>
            );
          })}
      </td>
      <td>
        {canPromote || canRollback ? (
          <div className="console__actions">
            {canPromote && (
              <form
                onSubmit={event => {
                  event.preventDefault();
                  const request = percentNumber >= 100 ? { version } : { version, percent: percentNumber };
                  const label = percentNumber >= 100 ? `${version} is live` : `${version} serves ${percentNumber}%`;
                  run(label, registry => registry.promote(remote.name, request));
                }}
              >
                <label>
                  Version
                  <select
                    value={version}
                    onChange={e => setVersion(e.target.value)}
                    aria-label={`Version of ${remote.title} to promote`}
                  >
                    {versions.map(v => (
                      <option key={v.version} value={v.version}>
                        {v.version}
                      </option>
                    ))}
                  </select>
                </label>
                <label>
                  Users %
                  <input
                    type="number"
                    min={1}
                    max={100}
                    value={percent}
                    onChange={e => setPercent(e.target.value)}
                    aria-label={`Share of users for ${remote.title}`}
                  />
                </label>
                <button type="submit" disabled={busy || !version}>
                  Promote
                </button>
              </form>
            )}
            {canRollback && (
              <button
                type="button"
                disabled={busy}
                onClick={() =>
                  run(remote.canary ? 'Canary cancelled' : 'Rolled back', registry => registry.rollback(remote.name))
                }
              >
                {remote.canary ? 'Cancel canary' : 'Roll back'}
              </button>
            )}
          </div>
        ) : (
          !permissions.loading && <span className="console__muted">View only</span>
        )}
        {message && (
          <p
            role={message.kind === 'error' ? 'alert' : 'status'}
            className={`console__message console__message--${message.kind}`}
          >
            {message.text}
          </p>
        )}
      </td>
    </tr>
  );
}
