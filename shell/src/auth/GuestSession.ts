/**
 * Development sign-in and the token's lifecycle. Two providers answer a Backstage identity (a
 * token, a JWT whose `exp` says when it expires, the user entity ref and the ownership refs):
 * - `guest`: `GET {backend}/api/auth/guest/refresh` (plugin-auth-backend-module-guest-provider),
 *   always the one configured user;
 * - `development`: `GET {backend}/api/auth/development/refresh` with the header
 *   `x-portico-dev-user: <name>` (Portico's backend), any catalog user, so permission rules can
 *   be seen with real identities. Only in development; production uses a real provider.
 * Both return an empty profile, so the display name is filled in from the user's catalog entity
 * when it can be read.
 */

import type { DevSignInUser } from '@portico/contract';

export type { DevSignInUser };

/** Who to sign in as: the configured guest, or a named catalog user (development only). */
export type SignInChoice = { provider: 'guest' } | { provider: 'development'; user: string };


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
  return choice.provider === 'guest' ? 'guest' : `development:${choice.user}`;
}

function decodeChoice(value: string | null): SignInChoice | undefined {
  if (value === 'guest') return { provider: 'guest' };
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

interface GuestRefreshResponse {
  profile?: { displayName?: string; email?: string; picture?: string };
  backstageIdentity?: {
    token?: string;
    expiresInSeconds?: number;
    identity?: { userEntityRef?: string; ownershipEntityRefs?: string[] };
  };
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

async function requestIdentity(backendBaseUrl: string, choice: SignInChoice): Promise<SignedInUser> {
  const headers: Record<string, string> = { 'X-Requested-With': 'XMLHttpRequest' };
  if (choice.provider === 'development') headers['x-portico-dev-user'] = choice.user;
  const response = await fetch(`${backendBaseUrl}/api/auth/${choice.provider}/refresh`, {
    headers,
    credentials: 'include',
  });
  if (!response.ok) {
    let detail = `${response.status} ${response.statusText}`;
    try {
      const body = (await response.json()) as { error?: { message?: string } };
      if (body.error?.message) detail += `: ${body.error.message}`;
    } catch {
      // The status line is all there is.
    }
    throw new Error(`Sign-in failed (${detail})`);
  }
  const body = (await response.json()) as GuestRefreshResponse;
  const token = body.backstageIdentity?.token;
  const identity = body.backstageIdentity?.identity;
  if (!token || !identity?.userEntityRef) {
    throw new Error('Sign-in answered without a Backstage identity');
  }
  const expiresAt =
    readTokenExpiry(token) ??
    Date.now() + (body.backstageIdentity?.expiresInSeconds ?? 3600) * 1000;
  return {
    token,
    expiresAt,
    userEntityRef: identity.userEntityRef,
    ownershipEntityRefs: identity.ownershipEntityRefs ?? [identity.userEntityRef],
    profile: { ...body.profile },
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

/**
 * The shell's sign-in session: signs in, keeps the token fresh, remembers the choice for silent
 * sign-in after a reload, and forgets it on sign-out.
 */
export class GuestSession {
  readonly #backendBaseUrl: string;
  #choice: SignInChoice = { provider: 'guest' };
  #user: SignedInUser | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #refreshing: Promise<SignedInUser> | undefined;
  readonly #listeners = new Set<() => void>();

  constructor(backendBaseUrl: string) {
    this.#backendBaseUrl = backendBaseUrl;
    document.addEventListener('visibilitychange', this.#onVisibilityChange);
  }

  /** Whether this browser signed in before and did not sign out. */
  static isRemembered(): boolean {
    return GuestSession.remembered() !== undefined;
  }

  /** The sign-in choice this browser remembers, if any. */
  static remembered(): SignInChoice | undefined {
    try {
      return decodeChoice(localStorage.getItem(REMEMBERED_PROVIDER_KEY));
    } catch {
      return undefined;
    }
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

  /** Signs in (by default as the remembered choice, else the guest) and remembers the choice. */
  async signIn(choice: SignInChoice = GuestSession.remembered() ?? { provider: 'guest' }): Promise<SignedInUser> {
    const user = await requestIdentity(this.#backendBaseUrl, choice);
    this.#choice = choice;
    try {
      localStorage.setItem(REMEMBERED_PROVIDER_KEY, encodeChoice(choice));
    } catch {
      // Private browsing: sign-in still works, it just is not remembered.
    }
    this.#setUser(user);
    void this.#enrichProfile(user);
    return user;
  }

  /** Forgets the sign-in choice and the token. */
  signOut(): void {
    try {
      localStorage.removeItem(REMEMBERED_PROVIDER_KEY);
    } catch {
      // Nothing was remembered.
    }
    clearTimeout(this.#refreshTimer);
    this.#refreshing = undefined;
    this.#setUser(undefined);
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
      const refreshing = requestIdentity(this.#backendBaseUrl, this.#choice)
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
      const profile = await readCatalogProfile(this.#backendBaseUrl, user);
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
