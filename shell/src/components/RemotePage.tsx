import { type ReactElement, useCallback, useEffect, useState } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { GuestSession } from '../auth/GuestSession';
import type { RuntimeConfig } from '../config/runtimeConfig';
import { RemoteError, RemoteErrorCode, messageOf, toRemoteError } from '../errors/RemoteError';
import { RemoteErrorBoundary, RemoteErrorCard } from '../errors/fallbacks';
import { loadRemotePlugin } from '../federation/federationRuntime';
import { Skeleton } from './Skeleton';

/**
 * The Backstage hosting code is a separate chunk: the first screen does not pay for it, yet the
 * shell's build still references (and so provides) the shared Backstage packages.
 */
const loadBackstageHost = () => import(/* webpackChunkName: "backstage-host" */ '../backstage/createRemoteApp');

type PageState =
  | { status: 'loading' }
  | { status: 'error'; error: RemoteError }
  | { status: 'ready'; element: ReactElement };

/**
 * One remote's route. The remote is loaded in an effect when the route is first visited (not with
 * React.lazy, whose Suspense throttling delays content), then mounted as a Backstage app. Any
 * failure becomes an error card with a retry; the rest of the portal is untouched.
 */
export function RemotePage(props: {
  remote: ManifestRemote;
  config: RuntimeConfig;
  session: GuestSession;
  onSignOut: () => void;
}) {
  const { remote, config, session, onSignOut } = props;
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const retry = useCallback(() => setAttempt(n => n + 1), []);

  useEffect(() => {
    document.title = `${remote.title} · ${config.appTitle}`;
  }, [remote.title, config.appTitle]);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    // Fetch the host chunk alongside the remote rather than after it.
    const host = loadBackstageHost();
    host.catch(() => undefined);
    loadRemotePlugin(remote)
      .then(async plugin => {
        const { createRemoteApp } = await host.catch((error: unknown) => {
          throw new RemoteError(
            RemoteErrorCode.LoadFailed,
            `The shell's Backstage host could not be loaded: ${messageOf(error)}`,
            { cause: error },
          );
        });
        return createRemoteApp(plugin, { remote, config, session, onRetry: retry, onSignOut }, { fresh: attempt > 0 });
      })
      .then(
        app => {
          if (!cancelled) setState({ status: 'ready', element: app.element });
        },
        (error: unknown) => {
          if (cancelled) return;
          const remoteError = toRemoteError(error, RemoteErrorCode.LoadFailed);
          console.error(`Portico: remote ${remote.name} failed: ${remoteError.code}`, error);
          setState({ status: 'error', error: remoteError });
        },
      );
    return () => {
      cancelled = true;
    };
  }, [remote, config, session, onSignOut, retry, attempt]);

  return (
    <div className="remote-outlet" data-testid="remote-outlet" data-remote={remote.name} data-state={state.status}>
      <RemoteErrorBoundary key={attempt} remote={remote} onRetry={retry}>
        {state.status === 'loading' && <Skeleton label={`Loading ${remote.title}…`} testId="remote-loading" />}
        {state.status === 'error' && <RemoteErrorCard remote={remote} error={state.error} onRetry={retry} />}
        {state.status === 'ready' && state.element}
      </RemoteErrorBoundary>
    </div>
  );
}
