import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';

/** The group the seed grants catalog reads to. */
export const PLATFORM_ENGINEERS = 'group:default/platform-engineers';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The seed's starting policy: default deny; a request without a user is denied; catalog reads
 * are allowed for members of platform-engineers. Everything else is denied until a later rule
 * grants it.
 *
 * Service-to-service calls never reach a policy (Backstage allows them before asking), which is
 * why plugins such as auth can still resolve users from the catalog.
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const ownership = user?.info.ownershipEntityRefs;
    if (!user?.info.userEntityRef || !ownership) {
      return DENY;
    }
    if (isPermission(request.permission, catalogEntityReadPermission)) {
      return ownership.includes(PLATFORM_ENGINEERS) ? ALLOW : DENY;
    }
    return DENY;
  }
}
