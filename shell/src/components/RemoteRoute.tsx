import { type ReactNode, useEffect, useState } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import type { RuntimeConfig } from '../config/runtimeConfig';
import { messageOf } from '../errors/messageOf';
import { ShellErrorPage } from '../errors/ShellErrorPage';
import type { UnusableRemote } from '../manifest/fetchManifest';
import type { LazyRemoteLoader, RemoteLoading } from './lazyRemoteLoader';
import { Skeleton } from './Skeleton';

/** Hover or focus on a remote's link: fetch what its visit will need, quietly. */
export function prefetchRemote(remote: ManifestRemote, remoteLoader: LazyRemoteLoader): void {
  remoteLoader.load().then(
    ({ chunk, loader }) => chunk.prefetchRemote(remote, loader),
    () => undefined,
  );
}

/**
 * Renders `render(loading)` once the remote-loading chunk is there: at once when a hover fetched
 * it, else after loading it in an effect (never React.lazy, whose Suspense throttling would hold
 * the remote's content back).
 */
function WithRemoteLoader(props: {
  name: string;
  title: string;
  remoteLoader: LazyRemoteLoader;
  render: (loading: RemoteLoading) => ReactNode;
}) {
  const { remoteLoader } = props;
  const [loaded, setLoaded] = useState(remoteLoader.current);
  const [failure, setFailure] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (loaded) return undefined;
    let cancelled = false;
    remoteLoader.load().then(
      loading => !cancelled && setLoaded(loading),
      (error: unknown) => !cancelled && setFailure(messageOf(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [loaded, remoteLoader, attempt]);

  if (loaded) return <>{props.render(loaded)}</>;
  if (failure) {
    return (
      <ShellErrorPage
        title={`${props.title} could not be opened`}
        message={`The portal's code for remotes could not be loaded: ${failure}`}
        onRetry={() => {
          setFailure(undefined);
          setAttempt(n => n + 1);
        }}
        testId="remote-loader-error"
      />
    );
  }
  return (
    <div className="remote-outlet" data-testid="remote-outlet" data-remote={props.name} data-state="loading">
      <Skeleton label={`Loading ${props.title}…`} testId="remote-loading" />
    </div>
  );
}

/** A remote's route. */
export function RemoteRoute(props: {
  remote: ManifestRemote;
  config: RuntimeConfig;
  session: SignInSession;
  remoteLoader: LazyRemoteLoader;
  onSignOut: () => void;
}) {
  const { remoteLoader, ...pageProps } = props;
  return (
    <WithRemoteLoader
      name={props.remote.name}
      title={props.remote.title}
      remoteLoader={remoteLoader}
      render={({ chunk, loader }) => <chunk.RemotePage {...pageProps} loader={loader} />}
    />
  );
}

/** The route of a manifest entry the shell cannot load: its error card. */
export function UnusableRemoteRoute(props: {
  remote: UnusableRemote;
  appTitle: string;
  remoteLoader: LazyRemoteLoader;
  onRetry: () => void;
}) {
  const { remoteLoader, ...pageProps } = props;
  return (
    <WithRemoteLoader
      name={props.remote.name}
      title={props.remote.title}
      remoteLoader={remoteLoader}
      render={({ chunk }) => <chunk.UnusableRemotePage {...pageProps} />}
    />
  );
}
