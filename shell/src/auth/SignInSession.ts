/**
 * Sign-in and the token's lifecycle. Three providers answer a Backstage identity (a token, a JWT
 * whose `exp` says when it expires, the user entity ref and the ownership refs), each offered
 * only when the runtime config lists it (`signInProviders`):
 * - `guest`: `GET {backend}/api/auth/guest/refresh` (plugin-auth-backend-module-guest-provider),
 *   always the one configured user;
 * - `development`: `GET {backend}/api/auth/development/refresh` with the header
 *   `x-portico-dev-user: <name>` (Portico's backend), any catalog user, so permission rules can
 *   be seen with real identities. Only in development;
 * - `oidc`: OpenID Connect (plugin-auth-backend-module-oidc-provider). Signing in opens Backstage's
 *   popup at `{backend}/api/auth/oidc/start` (see `signInPopup.ts`); the backend keeps the
 *   provider's refresh token in an http-only cookie, so the session is renewed (and resumed after
 *   a reload) with `GET {backend}/api/auth/oidc/refresh?env=<authEnvironment>`, and ended with
 *   `POST {backend}/api/auth/oidc/logout`, which clears that cookie.
 * Guest and development answer an empty profile, so the display name is filled in from the
 * user's catalog entity when it can be read (catalogProfile.ts). When to refresh is tokenRefresh.ts.
 */
import type { SignInProviderId } from '../config/runtimeConfig';
import { describeFailedResponse } from '../errors/describeFailedResponse';
import { type SignInChoice, forgetRememberedChoice, readRememberedChoice, rememberChoice } from './rememberedChoice';
import { type SignedInUser, toSignedInUser } from './signedInUser';
import { openSignInPopup } from './signInPopup';
import { REFRESH_RETRY_MS, createRefreshTimer, isStale, needsRefreshOnReturn, refreshDelay } from './tokenRefresh';

export type { SignInChoice, SignedInUser };

/** The scopes the OIDC sign-in asks for (the provider module requires these three). */
export const OIDC_SCOPE = 'openid profile email';

/** A sign-in the backend answered with an error status. */
export class SignInRequestError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'SignInRequestError';
    this.status = status;
  }
}

/** What a session needs to know: the runtime config's backend and sign-in settings. */
export interface SignInSessionOptions {
  backendBaseUrl: string;
  /** The OIDC provider's auth environment (`?env=`). */
  authEnvironment: string;
  /** The providers this shell offers; a remembered choice of another one is ignored. */
  signInProviders: readonly SignInProviderId[];
  /** Where the popup's answer is posted: this page's origin (`window.location.origin`). */
  appOrigin?: string;
  /** Opens the OIDC popup at a `/start` URL and resolves with its answer; replaced in tests. */
  openPopup?: (url: string) => Promise<unknown>;
}

/**
 * The shell's sign-in session: signs in, keeps the token fresh, remembers the choice for silent
 * sign-in after a reload, and forgets it on sign-out.
 */
export class SignInSession {
  readonly #options: SignInSessionOptions;
  #choice: SignInChoice = { provider: 'guest' };
  #user: SignedInUser | undefined;
  readonly #refreshTimer = createRefreshTimer(() => void this.refresh().catch(() => undefined));
  #refreshing: Promise<SignedInUser> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(options: SignInSessionOptions) {
    this.#options = options;
    globalThis.document?.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  /**
   * The sign-in choice this browser remembers (it signed in before and did not sign out), if
   * this shell still offers its provider.
   */
  remembered(): SignInChoice | undefined {
    const choice = readRememberedChoice();
    return choice && this.#options.signInProviders.includes(choice.provider) ? choice : undefined;
  }

  /** The signed-in user, or undefined when signed out. */
  get user(): SignedInUser | undefined {
    return this.#user;
  }

  /** Calls `listener` whenever the user signs in or out or the token is refreshed. */
  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Signs in as `choice` and remembers it. For OIDC this opens the provider's popup, so call it
   * from a click handler: it opens the popup before it awaits anything.
   */
  async signIn(choice: SignInChoice): Promise<SignedInUser> {
    if (!this.#options.signInProviders.includes(choice.provider)) {
      throw new Error(`Sign-in with ${choice.provider} is not offered here`);
    }
    const user = choice.provider === 'oidc' ? await this.#signInWithPopup() : await this.#requestIdentity(choice);
    this.#signedIn(choice, user);
    return user;
  }

  /**
   * Signs in again silently as the remembered choice: the refresh endpoint of its provider (for
   * OIDC, with the backend's refresh cookie). A session the backend no longer knows (401) is
   * forgotten, so the next reload shows the sign-in page straight away.
   */
  async resume(): Promise<SignedInUser> {
    const choice = this.remembered();
    if (!choice) throw new Error('No sign-in to resume');
    try {
      const user = await this.#requestIdentity(choice);
      this.#signedIn(choice, user);
      return user;
    } catch (error) {
      if (error instanceof SignInRequestError && error.status === 401) {
        forgetRememberedChoice();
        console.warn('Silent sign-in refused:', error.message);
        throw new Error('Your session has ended. Sign in again.');
      }
      throw error;
    }
  }

  /**
   * Forgets the sign-in choice and the token at once; for OIDC, also asks the backend to clear
   * its refresh cookie (resolves when it answered; a failure is only logged).
   */
  async signOut(): Promise<void> {
    const wasOidc = this.#user !== undefined && this.#choice.provider === 'oidc';
    forgetRememberedChoice();
    this.#refreshTimer.cancel();
    this.#refreshing = undefined;
    this.#choice = { provider: 'guest' };
    this.#setUser(undefined);
    if (!wasOidc) return;
    try {
      const response = await fetch(this.#oidcUrl('logout'), {
        method: 'POST',
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
        credentials: 'include',
      });
      if (!response.ok) console.warn(`Sign-out: the backend answered ${response.status} to the OIDC logout`);
    } catch (error) {
      console.warn('Sign-out: the OIDC logout failed', error);
    }
  }

  /** A token that is valid for a while yet, refreshing it first if it is about to expire. */
  async getToken(): Promise<string> {
    const user = this.#user;
    if (!user) throw new Error('Not signed in');
    if (!isStale(user.expiresAt)) return user.token;
    return (await this.refresh()).token;
  }

  /** Fetches a fresh token now; concurrent calls share one request. */
  refresh(): Promise<SignedInUser> {
    if (!this.#refreshing) {
      const refreshing = this.#requestIdentity(this.#choice)
        .then(fresh => {
          if (this.#refreshing !== refreshing) return fresh; // signed out meanwhile
          // Keep what the catalog told us about the profile.
          const user = { ...fresh, profile: { ...this.#user?.profile, ...fresh.profile } };
          this.#setUser(user);
          return user;
        })
        .catch((error: unknown) => {
          if (this.#refreshing === refreshing && this.#user) {
            this.#refreshTimer.schedule(REFRESH_RETRY_MS);
          }
          throw error;
        })
        .finally(() => {
          if (this.#refreshing === refreshing) this.#refreshing = undefined;
        });
      this.#refreshing = refreshing;
    }
    return this.#refreshing;
  }

  /** Opens the popup synchronously (an async function runs up to its first await at once). */
  async #signInWithPopup(): Promise<SignedInUser> {
    const url = this.#oidcUrl('start', {
      scope: OIDC_SCOPE,
      origin: this.#options.appOrigin ?? window.location.origin,
      flow: 'popup',
    });
    const open =
      this.#options.openPopup ?? ((popupUrl: string) => openSignInPopup({ url: popupUrl, name: 'portico-sign-in' }));
    return toSignedInUser(await open(url));
  }

  #oidcUrl(path: 'start' | 'refresh' | 'logout', query: Record<string, string> = {}): string {
    const search = new URLSearchParams({ env: this.#options.authEnvironment, ...query });
    // URLSearchParams writes spaces as '+'; the scope reads better (and as Backstage sends it) as %20.
    return `${this.#options.backendBaseUrl}/api/auth/oidc/${path}?${search.toString().replace(/\+/g, '%20')}`;
  }

  async #requestIdentity(choice: SignInChoice): Promise<SignedInUser> {
    const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' };
    if (choice.provider === 'development') headers['x-portico-dev-user'] = choice.user;
    const url =
      choice.provider === 'oidc'
        ? this.#oidcUrl('refresh')
        : `${this.#options.backendBaseUrl}/api/auth/${choice.provider}/refresh`;
    const request = () => fetch(url, { headers, credentials: 'include' });
    // One refresh at a time across this browser's tabs, as Backstage's DefaultAuthConnector does:
    // a provider that rotates refresh tokens would refuse the second of two concurrent ones.
    const locks = globalThis.navigator?.locks;
    const response = locks
      ? await locks.request(`portico-auth-refresh:${url.split('?')[0]}`, request)
      : await request();
    if (!response.ok) {
      throw new SignInRequestError(response.status, `Sign-in failed (${await describeFailedResponse(response)})`);
    }
    return toSignedInUser(await response.json());
  }

  #signedIn(choice: SignInChoice, user: SignedInUser) {
    this.#choice = choice;
    rememberChoice(choice);
    this.#setUser(user);
    void this.#enrichProfile(user);
  }

  #setUser(user: SignedInUser | undefined) {
    this.#user = user;
    if (user) this.#refreshTimer.schedule(refreshDelay(user.expiresAt));
    for (const listener of this.#listeners) listener();
  }

  async #enrichProfile(user: SignedInUser) {
    if (user.profile.displayName) return;
    try {
      const { readCatalogProfile } = await import(/* webpackChunkName: "catalog-profile" */ './catalogProfile');
      if (this.#user?.userEntityRef !== user.userEntityRef) return;
      const profile = await readCatalogProfile(this.#options.backendBaseUrl, user);
      if (profile && this.#user?.userEntityRef === user.userEntityRef) {
        this.#setUser({ ...this.#user, profile: { ...profile, ...stripEmpty(this.#user.profile) } });
      }
    } catch {
      // The entity ref's name stands in for the display name.
    }
  }

  // Timers are throttled in background tabs: check the token when the tab comes back.
  #onVisibilityChange = () => {
    const user = this.#user;
    if (document.visibilityState === 'visible' && user && needsRefreshOnReturn(user.expiresAt)) {
      void this.refresh().catch(() => undefined);
    }
  };
}

function stripEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}
