import { useEffect } from 'react';
import { RemoteError, RemoteErrorCode } from '../errors/RemoteError';
import { RemoteErrorCard } from '../errors/fallbacks';
import type { UnusableRemote } from '../manifest/fetchManifest';

/**
 * The route of a manifest entry the shell cannot load: the error card, at once. Retry asks the
 * registry for the manifest again, in case the entry was fixed.
 */
export function UnusableRemotePage(props: { remote: UnusableRemote; appTitle: string; onRetry: () => void }) {
  const { remote } = props;
  useEffect(() => {
    document.title = `${remote.title} · ${props.appTitle}`;
  }, [remote.title, props.appTitle]);
  const error = new RemoteError(
    RemoteErrorCode.ManifestInvalid,
    `the registry's manifest entry for ${remote.name} cannot be used: ${remote.problem}`,
  );
  return (
    <div className="remote-outlet" data-testid="remote-outlet" data-remote={remote.name} data-state="error">
      <RemoteErrorCard remote={remote} error={error} onRetry={props.onRetry} />
    </div>
  );
}
