import type { ReactElement } from 'react';
import type { ManifestRemote } from '@portico/contract';
import type { SignInSession } from '../auth/SignInSession';
import type { RuntimeConfig } from '../config/runtimeConfig';

/** What the shell hands the Backstage host when it mounts one remote. */
export interface RemoteHostContext {
  remote: ManifestRemote;
  config: RuntimeConfig;
  session: SignInSession;
  /** Loads the remote again from scratch (the error card's Retry). */
  onRetry: () => void;
  /** Signs the user out of the shell (identityApi.signOut). */
  onSignOut: () => void;
  /** Told when the remote's page fails to render (for the load report). */
  onRenderError?: (error: unknown) => void;
}

/** A remote's plugin mounted as a small Backstage app, ready to render. */
export interface RemoteApp {
  element: ReactElement;
}
