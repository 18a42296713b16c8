import { isWithin } from './location';

/**
 * The entry whose route holds `pathname` with the longest route, so that when two remotes'
 * routes nest (`/registry` and `/registry/x`, which the registry refuses but an older manifest
 * may still list) each path reaches the most specific remote, whatever the manifest's order.
 * On equal routes the first entry wins.
 */
export function matchRoute<T extends { route: string }>(pathname: string, entries: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const entry of entries) {
    if (isWithin(pathname, entry.route) && (!best || routeDepth(entry.route) > routeDepth(best.route))) {
      best = entry;
    }
  }
  return best;
}

/** Depth in whole segments: of two routes that both hold a path, the deeper one lies under the other. */
function routeDepth(route: string): number {
  return route.split('/').filter(segment => segment !== '').length;
}

/** Which manifest entry a path shows: a loadable remote, or one the shell can only name. */
export type RouteMatch<R, U> = { kind: 'remote'; remote: R } | { kind: 'unusable'; remote: U };

/**
 * Chooses among loadable and unusable entries together: a nested remote that cannot load still
 * owns its paths (it shows its error card), rather than handing them to the remote above it.
 */
export function matchRemoteRoute<R extends { route: string }, U extends { route: string }>(
  pathname: string,
  remotes: readonly R[],
  unusable: readonly U[],
): RouteMatch<R, U> | undefined {
  const tagged: Array<RouteMatch<R, U> & { route: string }> = [
    ...remotes.map(remote => ({ kind: 'remote' as const, remote, route: remote.route })),
    ...unusable.map(remote => ({ kind: 'unusable' as const, remote, route: remote.route })),
  ];
  const match = matchRoute(pathname, tagged);
  if (!match) return undefined;
  return match.kind === 'remote'
    ? { kind: 'remote', remote: match.remote }
    : { kind: 'unusable', remote: match.remote };
}
