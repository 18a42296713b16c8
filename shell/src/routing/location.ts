/**
 * The shell's own routing, on the browser's history alone: the chrome needs only the current
 * path, a way to navigate and links, so the first screen does not pay for a routing library.
 * React Router still reaches remotes: Backstage's host (loaded with the first remote) gives each
 * page its own router context, on the same `window.history`.
 *
 * Backstage writes to the history too (`history.pushState` from its app history), and writes
 * do not fire `popstate`, so both methods are wrapped once to announce every change.
 */
import { useSyncExternalStore } from 'react';

const LOCATION_CHANGE = 'portico:locationchange';
let observing = false;

function observeHistory() {
  if (observing) return;
  observing = true;
  for (const method of ['pushState', 'replaceState'] as const) {
    const original = window.history[method];
    window.history[method] = function announce(this: History, ...args: Parameters<History['pushState']>) {
      original.apply(this, args);
      window.dispatchEvent(new Event(LOCATION_CHANGE));
    };
  }
}

function subscribe(listener: () => void): () => void {
  observeHistory();
  window.addEventListener('popstate', listener);
  window.addEventListener(LOCATION_CHANGE, listener);
  return () => {
    window.removeEventListener('popstate', listener);
    window.removeEventListener(LOCATION_CHANGE, listener);
  };
}

const getPathname = () => window.location.pathname;

/** The current path, re-rendering on every navigation (the shell's, Backstage's, back/forward). */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, getPathname);
}

/** Goes to `to` (a path on this origin) without reloading the page. */
export function navigate(to: string, options?: { replace?: boolean }): void {
  if (to === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (options?.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
}

/** Whether `pathname` is `route` or below it (`/payments`, `/payments/docs/x`). */
export function isWithin(pathname: string, route: string): boolean {
  const base = route.replace(/\/+$/, '');
  return pathname === base || pathname.startsWith(`${base}/`);
}
