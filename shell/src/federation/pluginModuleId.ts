import type { ManifestRemote } from '@portico/contract';
import { REMOTE_EXPOSED_MODULE } from '@portico/contract/shared';

/** The federation id of a remote's plugin module, such as `team_payments/plugin`. */
export function pluginModuleId(remote: Pick<ManifestRemote, 'name'>): string {
  return `${remote.name}/${REMOTE_EXPOSED_MODULE.replace(/^\.\//, '')}`;
}
