/**
 * When a Backstage token expires and when to refresh it: a while before it expires, never in a
 * burst, later again after a failure, and at once when a background tab comes back.
 */
import { decodeJwt } from 'jose';

/** Refresh this long before expiry at most... */
export const MAX_REFRESH_MARGIN_MS = 5 * 60_000;
/** ...and never sooner than this after the last refresh. */
export const MIN_REFRESH_DELAY_MS = 5_000;
/** After a failed refresh, try again this much later. */
export const REFRESH_RETRY_MS = 30_000;
/** A token this close to expiry is refreshed before it is handed out. */
const STALE_TOKEN_MS = 30_000;
/** A token without an `exp` claim is taken to last this long, unless the answer says otherwise. */
const DEFAULT_TOKEN_LIFETIME_S = 3600;

/** Reads the `exp` claim of a JWT in epoch milliseconds, without verifying it: the backend does that. */
export function readTokenExpiry(token: string): number | undefined {
  try {
    const { exp } = decodeJwt(token);
    return typeof exp === 'number' ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** When a token expires: its `exp` claim, else `expiresInSeconds` (or an hour) from now. */
export function tokenExpiresAt(token: string, expiresInSeconds: number | undefined, now = Date.now()): number {
  return readTokenExpiry(token) ?? now + (expiresInSeconds ?? DEFAULT_TOKEN_LIFETIME_S) * 1000;
}

/** Whether a token must be refreshed before it is handed out. */
export function isStale(expiresAt: number, now = Date.now()): boolean {
  return expiresAt - now <= STALE_TOKEN_MS;
}

/** Whether a tab coming back to the foreground should refresh the token (its timer may have been throttled). */
export function needsRefreshOnReturn(expiresAt: number, now = Date.now()): boolean {
  return expiresAt - now < MAX_REFRESH_MARGIN_MS;
}

/** How long to wait before refreshing a token: a quarter of its life left, at most five minutes early. */
export function refreshDelay(expiresAt: number, now = Date.now()): number {
  const msLeft = expiresAt - now;
  return msLeft - Math.min(MAX_REFRESH_MARGIN_MS, msLeft / 4);
}

/** One pending refresh at a time: scheduling replaces the previous one. */
export interface RefreshTimer {
  /** Refreshes after `delayMs`, but never sooner than MIN_REFRESH_DELAY_MS. */
  schedule(delayMs: number): void;
  cancel(): void;
}

/** Creates the timer that calls `refresh` when a scheduled refresh is due. */
export function createRefreshTimer(refresh: () => void): RefreshTimer {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    schedule(delayMs) {
      clearTimeout(timer);
      timer = setTimeout(refresh, Math.max(MIN_REFRESH_DELAY_MS, delayMs));
    },
    cancel() {
      clearTimeout(timer);
    },
  };
}
