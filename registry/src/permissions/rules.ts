import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { REGISTRY_REMOTE_RESOURCE_TYPE } from './permissions';

/** What permission rules see of a remote. */
export interface RegistryRemoteResource {
  name: string;
  owner: string;
  /** Groups that may see the remote; empty means everyone signed in. */
  visibleTo: string[];
}

/** Rules only ever apply to loaded remotes (there are few), so their query form is unused. */
export type RegistryRemoteQuery = { rule: string; claims: string[] };

export const registryRemoteResourceRef = createPermissionResourceRef<
  RegistryRemoteResource,
  RegistryRemoteQuery
>().with({ pluginId: 'registry', resourceType: REGISTRY_REMOTE_RESOURCE_TYPE });

const claimsSchema = z.object({
  claims: z.array(z.string()).describe('Ownership entity refs of the principal, such as group:default/payments-team'),
});

/** The remote is owned by one of the claims (the user's ownership entity refs). */
export const isRemoteOwner = createPermissionRule({
  name: 'IS_REMOTE_OWNER',
  description: 'Allow remotes owned by one of the given claims',
  resourceRef: registryRemoteResourceRef,
  paramsSchema: claimsSchema,
  apply: (remote: RegistryRemoteResource, { claims }: { claims: string[] }) => claims.includes(remote.owner),
  toQuery: ({ claims }: { claims: string[] }) => ({ rule: 'IS_REMOTE_OWNER', claims }),
});

/** The remote is visible to everyone, or to one of the claims. */
export const isRemoteVisibleTo = createPermissionRule({
  name: 'IS_REMOTE_VISIBLE_TO',
  description: 'Allow remotes visible to everyone or to one of the given claims',
  resourceRef: registryRemoteResourceRef,
  paramsSchema: claimsSchema,
  apply: (remote: RegistryRemoteResource, { claims }: { claims: string[] }) =>
    remote.visibleTo.length === 0 || remote.visibleTo.some(group => claims.includes(group)),
  toQuery: ({ claims }: { claims: string[] }) => ({ rule: 'IS_REMOTE_VISIBLE_TO', claims }),
});

export const registryRemoteRules = { isRemoteOwner, isRemoteVisibleTo };

/**
 * For permission policies: `registryRemoteConditions.isRemoteOwner({ claims })` and
 * `createRegistryRemoteConditionalDecision(permission, conditions)`.
 */
export const {
  conditions: registryRemoteConditions,
  createConditionalDecision: createRegistryRemoteConditionalDecision,
} = createConditionExports({ resourceRef: registryRemoteResourceRef, rules: registryRemoteRules });
