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
import {
  createRegistryRemoteConditionalDecision,
  registryPermissions,
  registryRemoteConditions,
  registryRemoteDeprecatePermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
  registryRemoteRollbackPermission,
} from '@portico/plugin-registry-backend';

/** The group the seed grants catalog reads to; it also administers the registry. */
export const PLATFORM_ENGINEERS = 'group:default/platform-engineers';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/** Registry actions a team may take on the remotes it owns. */
const OWNER_ACTIONS = [
  registryRemotePublishPermission,
  registryRemotePromotePermission,
  registryRemoteRollbackPermission,
  registryRemoteDeprecatePermission,
];

/**
 * Portico's policy: default deny; a request without a user is denied.
 * - Catalog reads: platform-engineers (the seed's starting rule).
 * - Registry: platform-engineers administer everything; everyone else sees the remotes visible
 *   to them or owned by them, and publishes, promotes, rolls back and deprecates only the remotes
 *   their groups own. These are conditional decisions, applied by the registry to each remote.
 *
 * Service-to-service calls never reach a policy (Backstage decides them from token access
 * restrictions), which is why plugins such as auth can still resolve users from the catalog.
 */
export class PorticoPermissionPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs;
    if (!user?.info.userEntityRef || !claims) {
      return DENY;
    }
    const { permission } = request;
    if (isPermission(permission, catalogEntityReadPermission)) {
      return claims.includes(PLATFORM_ENGINEERS) ? ALLOW : DENY;
    }
    if (registryPermissions.some(registryPermission => isPermission(permission, registryPermission))) {
      return this.decideRegistry(request, claims);
    }
    return DENY;
  }

  private decideRegistry({ permission }: PolicyQuery, claims: string[]): PolicyDecision {
    if (claims.includes(PLATFORM_ENGINEERS)) {
      return ALLOW;
    }
    if (isPermission(permission, registryRemoteReadPermission)) {
      return createRegistryRemoteConditionalDecision(permission, {
        anyOf: [
          registryRemoteConditions.isRemoteOwner({ claims }),
          registryRemoteConditions.isRemoteVisibleTo({ claims }),
        ],
      });
    }
    const ownerAction = OWNER_ACTIONS.find(action => isPermission(permission, action));
    if (ownerAction) {
      return createRegistryRemoteConditionalDecision(ownerAction, registryRemoteConditions.isRemoteOwner({ claims }));
    }
    return DENY;
  }
}
