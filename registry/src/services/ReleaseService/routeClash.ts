import { ConflictError } from '@backstage/errors';
import { isReservedRoute, isRouteWithin, routesOverlap } from '@portico/contract/rules';
import { Knex } from 'knex';
import { listServedRoutes, ServedRoute } from '../../database/operations/routes/routes';

/** How `route` relates to `served`, for a message that says which of the two would shadow the other. */
function relation(route: string, served: ServedRoute): string {
  const where = `${served.remote} serves (${served.track} ${served.version})`;
  if (route === served.route) return `is already served by ${served.remote} (${served.track} ${served.version})`;
  if (isRouteWithin(route, served.route)) return `lies under ${served.route}, which ${where}`;
  return `contains ${served.route}, which ${where}`;
}

/** The first route of `served` that `route` equals, lies under or contains, by whole path segments. */
export function findOverlap(served: ServedRoute[], route: string): ServedRoute | undefined {
  return served.find(candidate => routesOverlap(route, candidate.route));
}

/**
 * Refuses (ConflictError, 409) a route that the shell or the backend keeps for itself (a version
 * published before the rule), or that overlaps a route another remote serves live or in a canary,
 * naming that remote and its route. The remote's own routes never clash: it may move between its
 * live and canary routes. Call it under the release lock, so that the answer holds until commit.
 */
export async function checkRouteIsFree(tx: Knex.Transaction, name: string, route: string): Promise<void> {
  if (isReservedRoute(route)) {
    throw new ConflictError(
      `route: ${route} is reserved for the shell or the backend; publish a version with another route`,
    );
  }
  const clash = findOverlap(await listServedRoutes(tx, name), route);
  if (clash) {
    throw new ConflictError(`route: ${route} ${relation(route, clash)}`);
  }
}
