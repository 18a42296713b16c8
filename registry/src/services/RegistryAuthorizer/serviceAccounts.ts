import { Config } from '@backstage/config';

/**
 * What `registry.serviceAccounts[].actions` may grant a service token. `read` is there for
 * completeness: the registry lets every service token read, listed or not.
 */
export const SERVICE_ACCOUNT_ACTIONS = [
  'read',
  'publish',
  'promote',
  'rollback',
  'deprecate',
  'administer',
  'audit',
  'shell-contract',
] as const;

/** One registry action a service token may be granted. */
export type ServiceAccountAction = (typeof SERVICE_ACCOUNT_ACTIONS)[number];

/**
 * A team's CI token reads and publishes; moving the live pointer, deprecating, changing who may
 * see a remote and the registry-wide actions are granted only by listing them.
 */
export const DEFAULT_SERVICE_ACCOUNT_ACTIONS: readonly ServiceAccountAction[] = ['read', 'publish'];

/**
 * A service principal (an external-access token's subject), the owners whose remotes it may act
 * on and the actions it may take. Backstage decides service requests from token access
 * restrictions alone, without a policy, so this is how a team's CI token is kept to that team's
 * remotes and to the actions its pipeline needs.
 */
export interface ServiceAccount {
  subject: string;
  /** Owner group refs, or `'*'` for every remote (admin actions still need to be in `actions`). */
  owns: string[] | '*';
  /** What it may do; `DEFAULT_SERVICE_ACCOUNT_ACTIONS` when not configured. */
  actions: readonly ServiceAccountAction[];
}

/** The service-account action each registry permission needs. */
const ACTION_OF_PERMISSION: Record<string, ServiceAccountAction> = {
  'registry.remote.read': 'read',
  'registry.remote.publish': 'publish',
  'registry.remote.promote': 'promote',
  'registry.remote.rollback': 'rollback',
  'registry.remote.deprecate': 'deprecate',
  'registry.remote.administer': 'administer',
  'registry.audit.read': 'audit',
  'registry.shell-contract.register': 'shell-contract',
};

/** The action a registry permission needs, or undefined for a permission that is not the registry's. */
export function actionOfPermission(permissionName: string): ServiceAccountAction | undefined {
  return ACTION_OF_PERMISSION[permissionName];
}

function isAction(value: string): value is ServiceAccountAction {
  return (SERVICE_ACCOUNT_ACTIONS as readonly string[]).includes(value);
}

/** Reads `registry.serviceAccounts`; an invalid entry fails start-up with its key named. */
export function readServiceAccounts(config: Config | undefined): ServiceAccount[] {
  return (config?.getOptionalConfigArray('serviceAccounts') ?? []).map((account, index) => {
    const key = `registry.serviceAccounts[${index}]`;
    const subject = account.getString('subject');
    const owns = account.getOptional('owns') === '*' ? '*' : account.getStringArray('owns');
    const listed = account.getOptionalStringArray('actions');
    if (listed === undefined) return { subject, owns, actions: DEFAULT_SERVICE_ACCOUNT_ACTIONS };
    const unknown = listed.filter(action => !isAction(action));
    if (unknown.length > 0) {
      throw new Error(
        `Invalid config at ${key}.actions: unknown action(s) ${unknown.join(', ')}; ` +
          `expected some of ${SERVICE_ACCOUNT_ACTIONS.join(', ')}`,
      );
    }
    return { subject, owns, actions: listed as ServiceAccountAction[] };
  });
}
