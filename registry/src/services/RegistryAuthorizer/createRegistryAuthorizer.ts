import { AuthService, BackstageCredentials, PermissionsService } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  BasicPermission,
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { createConditionAuthorizer, PermissionRuleset } from '@backstage/plugin-permission-node';
import {
  REGISTRY_REMOTE_RESOURCE_TYPE,
  registryRemoteReadPermission,
  RegistryRemoteResource,
  RegistryRemoteQuery,
} from '../../permissions';
import { actionOfPermission, ServiceAccount } from './serviceAccounts';

type RemotePermission = ResourcePermission<typeof REGISTRY_REMOTE_RESOURCE_TYPE>;

/** Decisions for one caller, applied to any number of remotes without asking again. */
export interface RemoteDecisions {
  allows(permission: RemotePermission, remote: RegistryRemoteResource): boolean;
}

/** Asks the permission framework about registry actions; handlers never decide themselves. */
export interface RegistryAuthorizer {
  decide(credentials: BackstageCredentials, permissions: RemotePermission[]): Promise<RemoteDecisions>;
  can(
    credentials: BackstageCredentials,
    permission: RemotePermission,
    remote: RegistryRemoteResource,
  ): Promise<boolean>;
  canBasic(credentials: BackstageCredentials, permission: BasicPermission): Promise<boolean>;
}

function stripExternal(subject: string): string {
  return subject.replace(/^external:/, '');
}

export function createRegistryAuthorizer(options: {
  permissions: PermissionsService;
  auth: AuthService;
  ruleset: PermissionRuleset<RegistryRemoteResource, RegistryRemoteQuery>;
  serviceAccounts: ServiceAccount[];
}): RegistryAuthorizer {
  const { permissions, auth, serviceAccounts } = options;
  const applyConditions = createConditionAuthorizer(options.ruleset);

  /**
   * Backstage answers service principals from their token's access restrictions without a
   * policy. Within what that allows, a service may read, and take only the actions its
   * `registry.serviceAccounts` entry grants (read and publish unless it lists more), on the
   * remotes of the owners it lists.
   */
  function serviceScope(credentials: BackstageCredentials) {
    if (!auth.isPrincipal(credentials, 'service')) return undefined;
    const subject = stripExternal(credentials.principal.subject);
    const account = serviceAccounts.find(candidate => stripExternal(candidate.subject) === subject);
    const granted = (permissionName: string) => {
      if (permissionName === registryRemoteReadPermission.name) return true;
      const action = actionOfPermission(permissionName);
      return account !== undefined && action !== undefined && account.actions.includes(action);
    };
    return {
      granted,
      owns: (owner: string) => account?.owns === '*' || (account?.owns ?? []).includes(owner),
    };
  }

  const authorizer: RegistryAuthorizer = {
    async decide(credentials, requested) {
      const decisions = await permissions.authorizeConditional(
        requested.map(permission => ({ permission })),
        { credentials },
      );
      const byName = new Map<string, PolicyDecision>(
        requested.map((permission, index) => [permission.name, decisions[index]]),
      );
      const scope = serviceScope(credentials);
      return {
        allows(permission, remote) {
          const decision = byName.get(permission.name);
          if (!decision || decision.result === AuthorizeResult.DENY) return false;
          if (scope && permission.name !== registryRemoteReadPermission.name) {
            if (!scope.granted(permission.name) || !scope.owns(remote.owner)) return false;
          }
          return decision.result === AuthorizeResult.ALLOW || applyConditions(decision, remote);
        },
      };
    },

    async can(credentials, permission, remote) {
      return (await authorizer.decide(credentials, [permission])).allows(permission, remote);
    },

    async canBasic(credentials, permission) {
      const [decision] = await permissions.authorize([{ permission }], { credentials });
      const scope = serviceScope(credentials);
      if (scope && !scope.granted(permission.name)) return false;
      return decision.result === AuthorizeResult.ALLOW;
    },
  };
  return authorizer;
}
