import { useCallback, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { Route, Routes, useNavigate } from 'react-router-dom';
import type { RegistryManifest } from '@portico/contract';
import { GuestSession, type SignedInUser } from './auth/GuestSession';
import { loadRuntimeConfig, type RuntimeConfig } from './config/runtimeConfig';
import { messageOf } from './errors/RemoteError';
import { ShellErrorPage } from './errors/fallbacks';
import { registerManifestRemotes } from './federation/federationRuntime';
import { fetchManifest } from './registry/fetchManifest';
import { HomePage } from './components/HomePage';
import { Layout } from './components/Layout';
import { NotFoundPage } from './components/NotFoundPage';
import { RemotePage } from './components/RemotePage';
import { SignInPage } from './components/SignInPage';
import { Skeleton } from './components/Skeleton';

type ConfigState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; config: RuntimeConfig; session: GuestSession };

/** Boot step 1: the runtime configuration. */
export function App() {
  const [state, setState] = useState<ConfigState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    loadRuntimeConfig().then(
      config => !cancelled && setState({ status: 'ready', config, session: new GuestSession(config.backendBaseUrl) }),
      error => !cancelled && setState({ status: 'error', message: messageOf(error) }),
    );
    return () => {
      cancelled = true;
    };
  }, [attempt]);

  if (state.status === 'loading') {
    return <div className="boot-splash" role="status" aria-live="polite">Loading Portico…</div>;
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
  return <SignInGate config={state.config} session={state.session} />;
}

type SignInState = { status: 'idle' | 'pending'; silent?: boolean } | { status: 'error'; message: string };

/** Boot step 2: sign-in, silent when this browser signed in before. */
function SignInGate(props: { config: RuntimeConfig; session: GuestSession }) {
  const { config, session } = props;
  const subscribe = useCallback((listener: () => void) => session.subscribe(listener), [session]);
  const user = useSyncExternalStore(subscribe, () => session.user);
  const [signIn, setSignIn] = useState<SignInState>(() =>
    GuestSession.isRemembered() ? { status: 'pending', silent: true } : { status: 'idle' },
  );
  const startedSilently = useRef(false);

  const start = useCallback(() => {
    setSignIn(previous => ({ status: 'pending', silent: previous.status === 'pending' && previous.silent }));
    session.signIn().then(
      () => setSignIn({ status: 'idle' }),
      error => setSignIn({ status: 'error', message: `Could not sign in: ${messageOf(error)}` }),
    );
  }, [session]);

  useEffect(() => {
    if (signIn.status === 'pending' && signIn.silent && !startedSilently.current) {
      startedSilently.current = true;
      start();
    }
  }, [signIn, start]);

  if (!user) {
    if (signIn.status === 'pending' && signIn.silent) {
      return <div className="boot-splash" role="status" aria-live="polite">Signing you in…</div>;
    }
    return (
      <SignInPage
        appTitle={config.appTitle}
        pending={signIn.status === 'pending'}
        error={signIn.status === 'error' ? signIn.message : undefined}
        onSignIn={start}
      />
    );
  }
  return <Portal config={config} session={session} user={user} />;
}

type ManifestState =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; manifest: RegistryManifest };

/** Boot step 3 onwards: the manifest, the navigation it draws, and the routes. */
function Portal(props: { config: RuntimeConfig; session: GuestSession; user: SignedInUser }) {
  const { config, session, user } = props;
  const navigate = useNavigate();
  const [state, setState] = useState<ManifestState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    session
      .getToken()
      .then(token => fetchManifest(config.backendBaseUrl, token))
      .then(
        manifest => {
          if (cancelled) return;
          registerManifestRemotes(manifest.remotes);
          setState({ status: 'ready', manifest });
        },
        error => !cancelled && setState({ status: 'error', message: messageOf(error) }),
      );
    return () => {
      cancelled = true;
    };
  }, [config, session, attempt]);

  // useNavigate's identity changes with the location; sign-out must not, or every navigation
  // would look like a new remote context to RemotePage.
  const navigateRef = useRef(navigate);
  navigateRef.current = navigate;
  const signOut = useCallback(() => {
    session.signOut();
    navigateRef.current('/');
  }, [session]);

  const remotes = state.status === 'ready' ? state.manifest.remotes : state.status === 'error' ? 'unavailable' : 'loading';
  return (
    <Layout appTitle={config.appTitle} user={user} onSignOut={signOut} remotes={remotes}>
      {state.status === 'loading' && <Skeleton label="Loading the portal…" testId="manifest-loading" />}
      {state.status === 'error' && (
        <ShellErrorPage
          title="The portal's remotes could not be loaded"
          message={state.message}
          onRetry={() => setAttempt(n => n + 1)}
          testId="manifest-error"
        />
      )}
      {state.status === 'ready' && (
        <Routes>
          <Route path="/" element={<HomePage appTitle={config.appTitle} user={user} remotes={state.manifest.remotes} />} />
          {state.manifest.remotes.map(remote => (
            <Route
              key={remote.name}
              path={`${remote.route}/*`}
              element={<RemotePage key={remote.name} remote={remote} config={config} session={session} onSignOut={signOut} />}
            />
          ))}
          <Route path="*" element={<NotFoundPage appTitle={config.appTitle} />} />
        </Routes>
      )}
    </Layout>
  );
}
