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
 * user's catalog entity when it can be read.
 */

import type { DevSignInUser } from '@portico/contract';
import type { SignInProviderId } from '../config/runtimeConfig';
import { openSignInPopup } from './signInPopup';

export type { DevSignInUser };

/** Who to sign in as: the configured guest, a named catalog user (development only), or through OpenID Connect. */
export type SignInChoice = { provider: 'guest' } | { provider: 'development'; user: string } | { provider: 'oidc' };

/** The scopes the OIDC sign-in asks for (the provider module requires these three). */
export const OIDC_SCOPE = 'openid profile email';

/** The catalog's users to sign in as, or an empty list when development sign-in is off. */
export async function listDevSignInUsers(backendBaseUrl: string): Promise<DevSignInUser[]> {
  try {
    const response = await fetch(`${backendBaseUrl}/api/dev-sign-in/users`);
    if (!response.ok) return [];
    return ((await response.json()) as { users?: DevSignInUser[] }).users ?? [];
  } catch {
    return [];
  }
}

function encodeChoice(choice: SignInChoice): string {
  return choice.provider === 'development' ? `development:${choice.user}` : choice.provider;
}

function decodeChoice(value: string | null): SignInChoice | undefined {
  if (value === 'guest' || value === 'oidc') return { provider: value };
  const user = value?.startsWith('development:') ? value.slice('development:'.length) : '';
  return user ? { provider: 'development', user } : undefined;
}

/** The signed-in user as the shell and its remotes see them. */
export interface SignedInUser {
  /** Backstage token sent as `Authorization: Bearer` to the backend. */
  token: string;
  /** When the token expires, in epoch milliseconds. */
  expiresAt: number;
  /** Such as `user:default/ada`. */
  userEntityRef: string;
  /** The user's and their groups' entity refs. */
  ownershipEntityRefs: string[];
  profile: { displayName?: string; email?: string; picture?: string };
}

/** The sign-in provider the browser remembers, so that a reload signs in again silently. */
export const REMEMBERED_PROVIDER_KEY = 'portico.signInProvider';
/** Refresh this long before expiry at most... */
const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
/** ...and never sooner than this after the last refresh. */
const MIN_REFRESH_DELAY_MS = 5_000;
/** After a failed refresh, try again this much later. */
const REFRESH_RETRY_MS = 30_000;
/** A token this close to expiry is refreshed before it is handed out. */
const STALE_TOKEN_MS = 30_000;

/** What the auth backend answers a refresh, and the popup's authorization response. */
interface IdentityResponse {
  profile?: { displayName?: string; email?: string; picture?: string };
  backstageIdentity?: {
    token?: string;
    expiresInSeconds?: number;
    identity?: { userEntityRef?: string; ownershipEntityRefs?: string[] };
  };
}

/** A sign-in the backend answered with an error status. */
export class SignInRequestError extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'SignInRequestError';
    this.status = status;
  }
}

/** Reads the `exp` claim (seconds) of a JWT, without verifying it: the backend does that. */
export function readTokenExpiry(token: string): number | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const json = atob(payload.replace(/-/g, '+').replace(/_/g, '/'));
    const exp = (JSON.parse(json) as { exp?: unknown }).exp;
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Turns `user:default/ada` into `ada`, the fallback display name. */
function nameOfRef(ref: string): string {
  return ref.replace(/^[^:]*:/, '').replace(/^[^/]*\//, '');
}

/** The signed-in user of a refresh answer or an authorization response. */
export function toSignedInUser(body: unknown): SignedInUser {
  const { backstageIdentity, profile } = (body ?? {}) as IdentityResponse;
  const token = backstageIdentity?.token;
  const identity = backstageIdentity?.identity;
  if (!token || !identity?.userEntityRef) {
    throw new Error('Sign-in answered without a Backstage identity');
  }
  const expiresAt = readTokenExpiry(token) ?? Date.now() + (backstageIdentity?.expiresInSeconds ?? 3600) * 1000;
  return {
    token,
    expiresAt,
    userEntityRef: identity.userEntityRef,
    ownershipEntityRefs: identity.ownershipEntityRefs ?? [identity.userEntityRef],
    profile: { ...profile },
  };
}

/** Reads the user's catalog entity for the profile the guest provider leaves empty. */
async function readCatalogProfile(
  backendBaseUrl: string,
  user: SignedInUser,
): Promise<SignedInUser['profile'] | undefined> {
  const match = /^([^:]+):([^/]+)\/(.+)$/.exec(user.userEntityRef);
  if (!match) return undefined;
  const [, kind, namespace, name] = match.map(encodeURIComponent);
  const response = await fetch(
    `${backendBaseUrl}/api/catalog/entities/by-name/${kind}/${namespace}/${name}`,
    { headers: { Authorization: `Bearer ${user.token}` } },
  );
  if (!response.ok) return undefined;
  const entity = (await response.json()) as {
    spec?: { profile?: { displayName?: string; email?: string; picture?: string } };
  };
  return entity.spec?.profile;
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
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
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
    let choice: SignInChoice | undefined;
    try {
      choice = decodeChoice(localStorage.getItem(REMEMBERED_PROVIDER_KEY));
    } catch {
      return undefined;
    }
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
        this.#forget();
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
    this.#forget();
    clearTimeout(this.#refreshTimer);
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
    if (user.expiresAt - Date.now() > STALE_TOKEN_MS) return user.token;
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
            this.#scheduleRefresh(REFRESH_RETRY_MS);
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
    const open = this.#options.openPopup ?? ((popupUrl: string) => openSignInPopup({ url: popupUrl, name: 'portico-sign-in' }));
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
    const response = locks ? await locks.request(`portico-auth-refresh:${url.split('?')[0]}`, request) : await request();
    if (!response.ok) {
      let detail = `${response.status} ${response.statusText}`;
      try {
        const body = (await response.json()) as { error?: { message?: string } };
        if (body.error?.message) detail += `: ${body.error.message}`;
      } catch {
        // The status line is all there is.
      }
      throw new SignInRequestError(response.status, `Sign-in failed (${detail})`);
    }
    return toSignedInUser(await response.json());
  }

  #signedIn(choice: SignInChoice, user: SignedInUser) {
    this.#choice = choice;
    try {
      localStorage.setItem(REMEMBERED_PROVIDER_KEY, encodeChoice(choice));
    } catch {
      // Private browsing: sign-in still works, it just is not remembered.
    }
    this.#setUser(user);
    void this.#enrichProfile(user);
  }

  #forget() {
    try {
      localStorage.removeItem(REMEMBERED_PROVIDER_KEY);
    } catch {
      // Nothing was remembered.
    }
  }

  #setUser(user: SignedInUser | undefined) {
    this.#user = user;
    if (user) {
      const msLeft = user.expiresAt - Date.now();
      this.#scheduleRefresh(msLeft - Math.min(MAX_REFRESH_MARGIN_MS, msLeft / 4));
    }
    for (const listener of this.#listeners) listener();
  }

  #scheduleRefresh(delayMs: number) {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(
      () => void this.refresh().catch(() => undefined),
      Math.max(MIN_REFRESH_DELAY_MS, delayMs),
    );
  }

  async #enrichProfile(user: SignedInUser) {
    if (user.profile.displayName) return;
    try {
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
    if (document.visibilityState === 'visible' && user && user.expiresAt - Date.now() < MAX_REFRESH_MARGIN_MS) {
      void this.refresh().catch(() => undefined);
    }
  };
}

function stripEmpty<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== '')) as Partial<T>;
}

/** The name to greet the user with. */
export function displayNameOf(user: SignedInUser): string {
  return user.profile.displayName || nameOfRef(user.userEntityRef);
}
