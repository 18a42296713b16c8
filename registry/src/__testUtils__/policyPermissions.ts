import {
  AuthService,
  BackstageCredentials,
  coreServices,
  createServiceFactory,
  DiscoveryService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  AuthorizePermissionResponse,
  AuthorizeResult,
  ConditionalPolicyDecision,
  DefinitivePolicyDecision,
  Permission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { PermissionPolicy } from '@backstage/plugin-permission-node';

/**
 * Resolves conditional decisions for given resources the way Backstage's permission backend
 * does: by posting them to the owning plugin's `apply-conditions` endpoint, which loads each
 * resource and applies that plugin's own rules.
 */
async function applyConditions(
  items: Array<{ id: string; resourceRef: string; decision: ConditionalPolicyDecision }>,
  discovery: DiscoveryService,
  auth: AuthService,
): Promise<Map<string, DefinitivePolicyDecision['result']>> {
  const results = new Map<string, DefinitivePolicyDecision['result']>();
  for (const pluginId of new Set(items.map(item => item.decision.pluginId))) {
    const batch = items.filter(item => item.decision.pluginId === pluginId);
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const response = await fetch(
      `${await discovery.getBaseUrl(pluginId)}/.well-known/backstage/permissions/apply-conditions`,
      {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({
          items: batch.map(({ id, resourceRef, decision }) => ({
            id,
            resourceRef,
            resourceType: decision.resourceType,
            conditions: decision.conditions,
          })),
        }),
      },
    );
    if (!response.ok) {
      throw new Error(`apply-conditions at ${pluginId} answered ${response.status}: ${await response.text()}`);
    }
    for (const { id, result } of (await response.json()).items as Array<{ id: string } & DefinitivePolicyDecision>) {
      results.set(id, result);
    }
  }
  return results;
}

/**
 * A permissions service that asks a real PermissionPolicy in-process, the way Backstage's
 * permission backend would, with group memberships from `memberships` (the mock user-info
 * service knows none). Service principals are allowed without a policy, as Backstage's own
 * ServerPermissionClient does (which also honours a token's access restrictions; these tests use
 * mock service tokens that have none). Conditional decisions are returned as they are from
 * `authorizeConditional`, and resolved for the given `resourceRef` by the owning plugin's rules
 * from `authorize`, as the permission backend does. Backstage's permission backend cannot be used
 * in tests because it refuses mock user tokens.
 */
export function policyPermissionsFactory(policy: PermissionPolicy, memberships: Record<string, string[]>) {
  return createServiceFactory({
    service: coreServices.permissions,
    deps: { discovery: coreServices.discovery, auth: coreServices.auth },
    factory: ({ discovery, auth }) => {
      async function decide(
        permissionRequests: Array<{ permission: Permission }>,
        credentials: BackstageCredentials,
      ): Promise<PolicyDecision[]> {
        const principal = credentials.principal as { type: string; userEntityRef?: string };
        if (principal.type === 'service') {
          return permissionRequests.map(() => ({ result: AuthorizeResult.ALLOW }));
        }
        if (principal.type !== 'user' || !principal.userEntityRef) {
          return Promise.all(permissionRequests.map(({ permission }) => policy.handle({ permission })));
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
          return decide(queries, options.credentials);
        },
        async authorize(requests, options) {
          const decisions = await decide(requests, options.credentials);
          const conditional = decisions.flatMap((decision, index) => {
            if (decision.result !== AuthorizeResult.CONDITIONAL) return [];
            const { resourceRef } = requests[index] as { resourceRef?: string };
            if (!resourceRef) {
              throw new Error(
                `Conditional decision for ${requests[index].permission.name} via authorize() without a resourceRef`,
              );
            }
            return [{ id: String(index), resourceRef, decision }];
          });
          const applied =
            conditional.length > 0
              ? await applyConditions(conditional, discovery, auth)
              : new Map<string, DefinitivePolicyDecision['result']>();
          return decisions.map((decision, index): AuthorizePermissionResponse => {
            if (decision.result !== AuthorizeResult.CONDITIONAL) return { result: decision.result };
            const result = applied.get(String(index));
            if (!result) throw new Error(`apply-conditions gave no result for ${requests[index].permission.name}`);
            return { result };
          });
        },
      };
      return service;
    },
  });
}
