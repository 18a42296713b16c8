import {
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';

/**
 * A permissions service that asks a real PermissionPolicy in-process, the way Backstage's
 * permission backend would, with group memberships from `memberships` (the mock user-info
 * service knows none). Service principals are allowed without a policy, as Backstage's own
 * ServerPermissionClient does. Backstage's permission backend cannot be used in tests because it
 * refuses mock user tokens.
 */
export function policyPermissionsFactory(policy: PermissionPolicy, memberships: Record<string, string[]>) {
  async function decide(
    permissionRequests: Array<{ permission: any }>,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision[]> {
    const principal = credentials.principal as { type: string; userEntityRef?: string };
    if (principal.type === 'service') {
      return permissionRequests.map(() => ({ result: AuthorizeResult.ALLOW }));
    }
    if (principal.type !== 'user' || !principal.userEntityRef) {
      return permissionRequests.map(() => ({ result: AuthorizeResult.DENY }));
    }
    const userEntityRef = principal.userEntityRef;
    const user = {
      credentials: mockCredentials.user(userEntityRef),
      info: { userEntityRef, ownershipEntityRefs: [userEntityRef, ...(memberships[userEntityRef] ?? [])] },
    };
    return Promise.all(permissionRequests.map(({ permission }) => policy.handle({ permission }, user)));
  }

  const service: PermissionsService = {
    async authorizeConditional(queries, options) {
      return (await decide(queries, options.credentials)) as any;
    },
    async authorize(requests, options) {
      const decisions = await decide(requests, options.credentials);
      return decisions.map((decision, index) => {
        if (decision.result === AuthorizeResult.CONDITIONAL) {
          // Resource checks in these tests go through authorizeConditional.
          throw new Error(`Conditional decision for ${requests[index].permission.name} via authorize()`);
        }
        return { result: decision.result };
      }) as any;
    },
  };
  return createServiceFactory({
    service: coreServices.permissions,
    deps: {},
    factory: () => service,
  });
}

