import { type ReactElement, useCallback, useEffect, useRef, useState } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import type { RemoteHostContext } from '../backstage/types';
import type { RuntimeConfig } from '../config/runtimeConfig';
import { RemoteError, RemoteErrorCode, messageOf, toRemoteError } from '../errors/RemoteError';
import { RemoteErrorBoundary, RemoteErrorCard } from '../errors/fallbacks';
import type { RemoteLoader } from '../federation/types';
import { useRemoteLoadReport } from '../telemetry/useRemoteLoadReport';
import { Skeleton } from './Skeleton';

type BackstageHost = typeof import('../backstage/createRemoteApp');

/** The Backstage host once loaded, so that a revisit mounts synchronously. */
let backstageHost: BackstageHost | undefined;
let backstageHostLoading: Promise<BackstageHost> | undefined;

/**
 * The Backstage hosting code is a separate chunk: the first screen does not pay for it, yet the
 * shell's build still references (and so provides) the shared Backstage packages and React Router.
 */
function loadBackstageHost(): Promise<BackstageHost> {
  backstageHostLoading ??= import(/* webpackChunkName: "backstage-host" */ '../backstage/createRemoteApp').then(
    module => (backstageHost = module),
    (error: unknown) => {
      backstageHostLoading = undefined;
      throw new RemoteError(
        RemoteErrorCode.LoadFailed,
        `The shell's Backstage host could not be loaded: ${messageOf(error)}`,
        { cause: error },
      );
    },
  );
  return backstageHostLoading;
}

/** Hover or focus on a remote's link: fetch its code and the Backstage host before the click. */
export function prefetchRemote(remote: ManifestRemote, loader: RemoteLoader): void {
  loader.register([remote]);
  loader.prefetch(remote);
  loadBackstageHost().catch(() => undefined);
}

type PageState =
  { status: 'loading' } | { status: 'error'; error: RemoteError } | { status: 'ready'; element: ReactElement };

/** Mounts an already loaded remote at once (a revisit, or a visit after a prefetch). */
function mountIfLoaded(ctx: RemoteHostContext, loader: RemoteLoader): PageState | undefined {
  const exported = loader.loaded(ctx.remote);
  if (exported === undefined || !backstageHost) return undefined;
  try {
    return { status: 'ready', element: backstageHost.createRemoteApp(exported, ctx).element };
  } catch (error) {
    return { status: 'error', error: toRemoteError(error, RemoteErrorCode.Invalid) };
  }
}

/**
 * One remote's route. The remote is loaded in an effect when the route is first visited (not with
 * React.lazy, whose Suspense throttling delays content), or rendered at once when a prefetch got
 * it already; then it is mounted as a Backstage app. Any failure becomes an error card with a
 * retry; the rest of the portal is untouched. Each load is reported to the backend (RUM).
 */
export function RemotePage(props: {
  remote: ManifestRemote;
  config: RuntimeConfig;
  session: SignInSession;
  loader: RemoteLoader;
  onSignOut: () => void;
}) {
  const { remote, config, session, loader, onSignOut } = props;
  const [attempt, setAttempt] = useState(0);
  const reportedAttempt = useRef(-1);
  const attemptRef = useRef(attempt);
  attemptRef.current = attempt;
  const loadReport = useRemoteLoadReport(remote, config.backendBaseUrl, session);

  const retry = useCallback(() => {
    loader.forget(remote);
    loadReport.start();
    setAttempt(n => n + 1);
  }, [remote, loader, loadReport]);

  const onRenderError = useCallback(() => loadReport.renderFailed(attemptRef.current), [loadReport]);

  const ctxRef = useRef<RemoteHostContext>();
  ctxRef.current = { remote, config, session, onRetry: retry, onSignOut, onRenderError };

  const [state, setState] = useState<PageState>(() => {
    loader.register([remote]);
    return mountIfLoaded(ctxRef.current!, loader) ?? { status: 'loading' };
  });
  const mountedAtOnce = useRef(state.status !== 'loading');

  useEffect(() => {
    document.title = `${remote.title} · ${config.appTitle}`;
  }, [remote.title, config.appTitle]);

  useEffect(() => {
    if (attempt === 0 && mountedAtOnce.current) return undefined;
    let cancelled = false;
    setState({ status: 'loading' });
    // Fetch the host chunk alongside the remote rather than after it.
    const host = loadBackstageHost();
    host.catch(() => undefined);
    loader
      .load(remote)
      .then(async exported => (await host).createRemoteApp(exported, ctxRef.current!, { fresh: attempt > 0 }))
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
  }, [remote, loader, attempt]);

  useEffect(() => {
    if (state.status === 'loading' || reportedAttempt.current === attempt) return;
    reportedAttempt.current = attempt;
    loadReport.loaded(attempt, state.status === 'error' ? state.error.code : undefined);
  }, [state, attempt, loadReport]);

  return (
    <div className="remote-outlet" data-testid="remote-outlet" data-remote={remote.name} data-state={state.status}>
      <RemoteErrorBoundary key={attempt} remote={remote} onRetry={retry} onError={onRenderError}>
        {state.status === 'loading' && <Skeleton label={`Loading ${remote.title}…`} testId="remote-loading" />}
        {state.status === 'error' && <RemoteErrorCard remote={remote} error={state.error} onRetry={retry} />}
        {state.status === 'ready' && state.element}
      </RemoteErrorBoundary>
    </div>
  );
}
