import { type ReactNode, useEffect, useState } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import type { RuntimeConfig } from '../config/runtimeConfig';
import { messageOf } from '../errors/messageOf';
import { ShellErrorPage } from '../errors/ShellErrorPage';
import type { UnusableRemote } from '../registry/fetchManifest';
import { Skeleton } from './Skeleton';

type RemoteLoader = typeof import('./remoteLoader');

let loader: RemoteLoader | undefined;
let loading: Promise<RemoteLoader> | undefined;

/** The shell's remote-loading code (a chunk of its own); once loaded, kept for synchronous use. */
function loadRemoteLoader(): Promise<RemoteLoader> {
  loading ??= import(/* webpackChunkName: "remote-loader" */ './remoteLoader').then(
    module => (loader = module),
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

/** Hover or focus on a remote's link: fetch what its visit will need, quietly. */
export function prefetchRemote(remote: ManifestRemote, config: RuntimeConfig): void {
  loadRemoteLoader().then(
    module => module.prefetchRemote(remote, config),
    () => undefined,
  );
}

/**
 * Renders `render(loader)` once the remote-loading chunk is there: at once when a hover fetched
 * it, else after loading it in an effect (never React.lazy, whose Suspense throttling would hold
 * the remote's content back).
 */
function WithRemoteLoader(props: { name: string; title: string; render: (module: RemoteLoader) => ReactNode }) {
  const [module, setModule] = useState(loader);
  const [failure, setFailure] = useState<string>();
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (module) return undefined;
    let cancelled = false;
    loadRemoteLoader().then(
      loaded => !cancelled && setModule(loaded),
      (error: unknown) => !cancelled && setFailure(messageOf(error)),
    );
    return () => {
      cancelled = true;
    };
  }, [module, attempt]);

  if (module) return <>{props.render(module)}</>;
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
  onSignOut: () => void;
}) {
  return (
    <WithRemoteLoader
      name={props.remote.name}
      title={props.remote.title}
      render={module => <module.RemotePage {...props} />}
    />
  );
}

/** The route of a manifest entry the shell cannot load: its error card. */
export function UnusableRemoteRoute(props: { remote: UnusableRemote; appTitle: string; onRetry: () => void }) {
  return (
    <WithRemoteLoader
      name={props.remote.name}
      title={props.remote.title}
      render={module => <module.UnusableRemotePage {...props} />}
    />
  );
}
