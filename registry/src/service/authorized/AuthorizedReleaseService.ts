import { registryRemotePromotePermission, registryRemoteRollbackPermission } from '../../permissions';
import { LiveChange, ReleaseService } from '../../services/ReleaseService';
import { AuditedAction } from './auditedAction';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** ReleaseService for callers allowed to promote or roll back the remote; every attempt is audited. */
export class AuthorizedReleaseService {
  constructor(
    private readonly releases: ReleaseService,
    private readonly access: RemoteAccess,
    private readonly audited: AuditedAction,
  ) {}

  promote(caller: RegistryCaller, options: { name: string; version: string; percent?: number }): Promise<LiveChange> {
    return this.audited(caller, 'promote', options.name, async () => {
      await this.access.requirePermission(caller.credentials, registryRemotePromotePermission, options.name);
      return this.releases.promote({ ...options, actor: this.access.actorOf(caller.credentials) });
    });
  }

  rollback(caller: RegistryCaller, options: { name: string }): Promise<LiveChange> {
    return this.audited(caller, 'rollback', options.name, async () => {
      await this.access.requirePermission(caller.credentials, registryRemoteRollbackPermission, options.name);
      return this.releases.rollback({ ...options, actor: this.access.actorOf(caller.credentials) });
    });
  }
}
