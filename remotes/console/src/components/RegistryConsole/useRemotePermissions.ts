import { usePermission } from '@backstage/plugin-permission-react';
import { registryRemotePromotePermission, registryRemoteRollbackPermission } from '@portico/contract/permissions';

/** What the permission policy lets the signed-in user do with one remote, as far as the console offers it. */
export interface RemotePermissions {
  /** True until every decision is in; the console shows no action (and no "View only") until then. */
  loading: boolean;
  promote: boolean;
  rollback: boolean;
}

/**
 * Asks the permission backend, through the shell's permission API, whether the user may promote
 * and roll back the remote `name` (the registry's resourceRef for a remote). Conditional grants
 * (a team's own remotes) are resolved by the registry's rules for this remote. A decision that
 * fails counts as a refusal; the registry decides again on every call in any case.
 */
export function useRemotePermissions(name: string): RemotePermissions {
  const promote = usePermission({ permission: registryRemotePromotePermission, resourceRef: name });
  const rollback = usePermission({ permission: registryRemoteRollbackPermission, resourceRef: name });
  return {
    loading: promote.loading || rollback.loading,
    promote: promote.allowed,
    rollback: rollback.allowed,
  };
}
