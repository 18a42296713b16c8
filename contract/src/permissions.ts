/**
 * The registry's permissions, in the one place both sides import them from: the registry
 * (`@portico/plugin-registry-backend`, which registers and enforces them) and remotes that ask
 * about them with `usePermission` from `@backstage/plugin-permission-react` (the console).
 *
 * A separate entry point (`@portico/contract/permissions`) because, unlike the rest of the
 * contract, it has runtime code: the shell never imports it.
 *
 * @packageDocumentation
 */
import { createPermission } from '@backstage/plugin-permission-common';

/** The permission framework's resource type for a remote in the registry; its resourceRef is the remote's name. */
export const REGISTRY_REMOTE_RESOURCE_TYPE = 'registry-remote';

/** See a remote: its manifest entry, detail and asset URLs. */
export const registryRemoteReadPermission = createPermission({
  name: 'registry.remote.read',
  attributes: { action: 'read' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Publish a new version of a remote (and create the remote on its first publish). */
export const registryRemotePublishPermission = createPermission({
  name: 'registry.remote.publish',
  attributes: { action: 'create' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Move the live pointer forward, or start, raise or complete a canary. */
export const registryRemotePromotePermission = createPermission({
  name: 'registry.remote.promote',
  attributes: { action: 'update' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Move the live pointer back, or cancel a canary. */
export const registryRemoteRollbackPermission = createPermission({
  name: 'registry.remote.rollback',
  attributes: { action: 'update' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Deprecate a remote or one of its versions, with a sunset date. */
export const registryRemoteDeprecatePermission = createPermission({
  name: 'registry.remote.deprecate',
  attributes: { action: 'update' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Change which groups may see a remote. */
export const registryRemoteAdministerPermission = createPermission({
  name: 'registry.remote.administer',
  attributes: { action: 'update' },
  resourceType: REGISTRY_REMOTE_RESOURCE_TYPE,
});

/** Read the registry's audit trail. */
export const registryAuditReadPermission = createPermission({
  name: 'registry.audit.read',
  attributes: { action: 'read' },
});

/** Register a new shell contract (the shared dependencies the live shell provides). */
export const registryShellContractRegisterPermission = createPermission({
  name: 'registry.shell-contract.register',
  attributes: { action: 'create' },
});

/** Every permission the registry declares. */
export const registryPermissions = [
  registryRemoteReadPermission,
  registryRemotePublishPermission,
  registryRemotePromotePermission,
  registryRemoteRollbackPermission,
  registryRemoteDeprecatePermission,
  registryRemoteAdministerPermission,
  registryAuditReadPermission,
  registryShellContractRegisterPermission,
];
