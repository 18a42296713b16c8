import { AuthorizeResult, isPermission, PolicyDecision } from '@backstage/plugin-permission-common';
import { PermissionPolicy, PolicyQuery, PolicyQueryUser } from '@backstage/plugin-permission-node';
import {
  createRegistryRemoteConditionalDecision,
  registryRemoteConditions,
  registryRemoteDeprecatePermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
  registryRemoteRollbackPermission,
} from '../permissions';

export const ADMIN_GROUP = 'group:default/platform-engineers';

/**
 * The rules the registry expects a policy to express: admins may do anything; everyone else may
 * see remotes visible to them or owned by them, and change only what they own.
 */
export class RegistryTestPolicy implements PermissionPolicy {
  async handle(request: PolicyQuery, user?: PolicyQueryUser): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.includes(ADMIN_GROUP)) return { result: AuthorizeResult.ALLOW };
    const { permission } = request;
    if (isPermission(permission, registryRemoteReadPermission)) {
      return createRegistryRemoteConditionalDecision(permission, {
        anyOf: [
          registryRemoteConditions.isRemoteOwner({ claims }),
          registryRemoteConditions.isRemoteVisibleTo({ claims }),
        ],
      });
    }
    for (const owned of [
      registryRemotePublishPermission,
      registryRemotePromotePermission,
      registryRemoteRollbackPermission,
      registryRemoteDeprecatePermission,
    ]) {
      if (isPermission(permission, owned)) {
        return createRegistryRemoteConditionalDecision(owned, registryRemoteConditions.isRemoteOwner({ claims }));
      }
    }
    return { result: AuthorizeResult.DENY };
  }
}
