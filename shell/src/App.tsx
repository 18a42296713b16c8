import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { SignInSession, type SignInChoice, type SignedInUser } from './auth/SignInSession';
import { type NavGroup, type NavItem, fetchDomainsByOwner, groupByDomain } from './catalog/domainGroups';
import { loadRuntimeConfig, type RuntimeConfig } from './config/runtimeConfig';
import { messageOf } from './errors/messageOf';
import { ShellErrorPage } from './errors/ShellErrorPage';
import { fetchManifest, type ShellManifest } from './manifest/fetchManifest';
import { withFreshEntries } from './manifest/freshEntries';
import { type VersionChange, watchManifest } from './manifest/watchManifest';
import { navigate, usePathname } from './routing/location';
import { matchRemoteRoute } from './routing/matchRoute';
import { HomePage } from './components/HomePage';
import { Layout } from './components/Layout';
import { NotFoundPage } from './components/NotFoundPage';
import { type LazyRemoteLoader, createLazyRemoteLoader } from './components/lazyRemoteLoader';
import { RemoteRoute, UnusableRemoteRoute, prefetchRemote } from './components/RemoteRoute';
import { SignInPage } from './components/SignInPage';
import { Skeleton } from './components/Skeleton';
import { UpdateNotice } from './components/UpdateNotice';

type ConfigState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; config: RuntimeConfig; session: SignInSession; remoteLoader: LazyRemoteLoader };

/** Boot step 1: the runtime configuration. */
export function App() {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    loadRuntimeConfig().then(
      config =>
        !cancelled &&
        setState({
          status: 'ready',
          config,
          session: new SignInSession(config),
          // The shell's one remote loader; its code arrives with the first remote.
          remoteLoader: createLazyRemoteLoader(config),
        }),
      error => !cancelled && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (state.status === 'loading') {
    return (
      <div className="boot-splash" role="status" aria-live="polite">
        Loading Portico…
      </div>
    );
  }
  if (state.status === 'error') {
    return (
      <main id="main" className="boot-error">
        <ShellErrorPage
          title="Portico could not start"
          message={`Its configuration could not be loaded: ${state.message}`}
          onRetry={() => setAttempt(n => n + 1)}
          testId="config-error"
        />
      </main>
    );
  }
  return <SignInGate config={state.config} session={state.session} remoteLoader={state.remoteLoader} />;
}

type SignInState =
  | { status: 'idle' }
  | { status: 'pending'; silent: true }
  | { status: 'pending'; silent?: false; provider: SignInChoice['provider'] }
  | { status: 'error'; message: string };

/** Boot step 2: sign-in, silent when this browser signed in before. */
function SignInGate(props: { config: RuntimeConfig; session: SignInSession; remoteLoader: LazyRemoteLoader }) {
  const { config, session, remoteLoader } = props;
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const user = useSyncExternalStore(subscribe, () => session.user);
  const [signIn, setSignIn] = useState<SignInState>(() =>
    session.remembered() ? { status: 'pending', silent: true } : { status: 'idle' },
  );
  const startedSilently = useRef(false);

  // Straight from the click: an OIDC sign-in opens its popup before anything is awaited.
  const start = useCallback(
    (choice: SignInChoice) => {
      setSignIn({ status: 'pending', provider: choice.provider });
      session.signIn(choice).then(
        () => setSignIn({ status: 'idle' }),
        error => setSignIn({ status: 'error', message: `Could not sign in: ${messageOf(error)}` }),
      );
    },
    [session],
  );

  useEffect(() => {
    if (signIn.status === 'pending' && signIn.silent && !startedSilently.current) {
      startedSilently.current = true;
      session.resume().then(
        () => setSignIn({ status: 'idle' }),
        error => setSignIn({ status: 'error', message: `Could not sign you in again: ${messageOf(error)}` }),
      );
    }
  }, [signIn, session]);

  if (!user) {
    if (signIn.status === 'pending' && signIn.silent) {
      return (
        <div className="boot-splash" role="status" aria-live="polite">
          Signing you in…
        </div>
      );
    }
    return (
      <SignInPage
        appTitle={config.appTitle}
        backendBaseUrl={config.backendBaseUrl}
        providers={config.signInProviders}
        oidcTitle={config.oidcTitle}
        pending={signIn.status === 'pending' && !signIn.silent ? signIn.provider : undefined}
        error={signIn.status === 'error' ? signIn.message : undefined}
        onSignIn={start}
      />
    );
  }
  return <Portal config={config} session={session} user={user} remoteLoader={remoteLoader} />;
}

type ManifestState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; manifest: ShellManifest; nav: NavGroup[] };

/** Boot step 3 onwards: the manifest, the navigation it draws, the routes and update notices. */
function Portal(props: {
  config: RuntimeConfig;
  session: SignInSession;
  user: SignedInUser;
  remoteLoader: LazyRemoteLoader;
}) {
  const { config, session, user, remoteLoader } = props;
  const pathname = usePathname();
  const [state, setState] = useState<ManifestState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [changes, setChanges] = useState<VersionChange[]>([]);
  const reloadManifest = useCallback(() => setAttempt(n => n + 1), []);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    session
      .getToken()
      // The catalog's domains group the navigation; asked in parallel, never fatal.
      .then(token =>
        Promise.all([fetchManifest(config.backendBaseUrl, token), fetchDomainsByOwner(config.backendBaseUrl, token)]),
      )
      .then(
        ([manifest, domains]) => {
          if (cancelled) return;
          const items: NavItem[] = [...manifest.remotes, ...manifest.unusable];
          setState({ status: 'ready', manifest, nav: groupByDomain(items, domains) });
        },
        error => !cancelled && setState({ status: 'error', message: messageOf(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [config, session, attempt]);

  const loaded = state.status === 'ready' ? state.manifest : undefined;
  useEffect(() => {
    if (!loaded) return undefined;
    setChanges([]);
    const entries = (manifest: ShellManifest) => [...manifest.remotes, ...manifest.unusable];
    return watchManifest({
      intervalMs: config.manifestPollIntervalMs,
      loaded: entries(loaded),
      fetchCurrent: async () => {
        const fresh = await fetchManifest(config.backendBaseUrl, await session.getToken());
        // Signed entry URLs expire: remotes not loaded yet must load from the fresh ones.
        setState(current => {
          if (current.status !== 'ready') return current;
          const manifest = withFreshEntries(current.manifest, fresh);
          return manifest === current.manifest ? current : { ...current, manifest };
        });
        return entries(fresh);
      },
      onChanges: setChanges,
    });
  }, [loaded, config, session]);

  const signOut = useCallback(() => {
    void session.signOut();
    navigate('/');
  }, [session]);

  const prefetch = useCallback(
    (item: NavItem) => {
      const remote = loaded?.remotes.find(candidate => candidate.name === item.name);
      if (remote) prefetchRemote(remote, remoteLoader);
    },
    [loaded, remoteLoader],
  );

  const page = useMemo(() => {
    if (state.status === 'loading') return <Skeleton label="Loading the portal…" testId="manifest-loading" />;
    if (state.status === 'error') {
      return (
        <ShellErrorPage
          title="The portal's remotes could not be loaded"
          message={state.message}
          onRetry={reloadManifest}
          testId="manifest-error"
        />
      );
    }
    const { remotes, unusable } = state.manifest;
    if (pathname === '/') {
      return (
        <HomePage appTitle={config.appTitle} user={user} remotes={[...remotes, ...unusable]} onPrefetch={prefetch} />
      );
    }
    // The longest route holding the path wins, so a nested remote is never shadowed by its parent.
    const match = matchRemoteRoute(pathname, remotes, unusable);
    if (match?.kind === 'remote') {
      return (
        <RemoteRoute
          key={match.remote.name}
          remote={match.remote}
          config={config}
          session={session}
          remoteLoader={remoteLoader}
          onSignOut={signOut}
        />
      );
    }
    if (match?.kind === 'unusable') {
      return (
        <UnusableRemoteRoute
          key={match.remote.name}
          remote={match.remote}
          appTitle={config.appTitle}
          remoteLoader={remoteLoader}
          onRetry={reloadManifest}
        />
      );
    }
    return <NotFoundPage appTitle={config.appTitle} />;
  }, [state, pathname, config, session, user, remoteLoader, signOut, prefetch, reloadManifest]);

  const nav = state.status === 'ready' ? state.nav : state.status === 'error' ? 'unavailable' : 'loading';
  return (
    <Layout
      appTitle={config.appTitle}
      user={user}
      onSignOut={signOut}
      nav={nav}
      onPrefetch={prefetch}
      notice={<UpdateNotice changes={changes} onDismiss={() => setChanges([])} />}
    >
      {page}
    </Layout>
  );
}
