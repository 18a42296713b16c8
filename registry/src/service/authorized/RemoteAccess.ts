import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { BasicPermission, ResourcePermission } from '@backstage/plugin-permission-common';
import { RegistryAction, RemoteSummary } from '@portico/contract';
import {
  REGISTRY_REMOTE_RESOURCE_TYPE,
  registryRemoteAdministerPermission,
  registryRemoteDeprecatePermission,
  registryRemotePromotePermission,
  registryRemotePublishPermission,
  registryRemoteReadPermission,
  RegistryRemoteResource,
  registryRemoteRollbackPermission,
} from '../../permissions';
import { UnprocessableError } from '../../errors';
import { RegistryAuthorizer } from '../../services/RegistryAuthorizer';
import { RemoteCatalog, StoredRemote } from '../../services/RemoteCatalog';
import { actorOf } from './caller';

type RemotePermission = ResourcePermission<typeof REGISTRY_REMOTE_RESOURCE_TYPE>;

/** The actions a summary reports, with the permission each one needs. */
const ACTION_PERMISSIONS: Array<[RegistryAction, RemotePermission]> = [
  ['publish', registryRemotePublishPermission],
  ['promote', registryRemotePromotePermission],
  ['rollback', registryRemoteRollbackPermission],
  ['deprecate', registryRemoteDeprecatePermission],
  ['administer', registryRemoteAdministerPermission],
];

/**
 * The checks the authorized services share: what a caller may see of the remotes, and may do
 * to them. A remote the caller may not see answers as if it did not exist.
 */
export class RemoteAccess {
  constructor(
    private readonly authorizer: RegistryAuthorizer,
    private readonly catalog: Pick<RemoteCatalog, 'getResource'>,
    private readonly auth: AuthService,
  ) {}

  /** A remote the caller may see, or NotFoundError as if it did not exist. */
  async requireVisible(credentials: BackstageCredentials, name: string): Promise<RegistryRemoteResource> {
    const resource = await this.catalog.getResource(name);
    if (!resource || !(await this.authorizer.can(credentials, registryRemoteReadPermission, resource))) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    return resource;
  }

  /** A remote the caller may see and act on with `permission`, or NotFoundError / NotAllowedError. */
  async requirePermission(credentials: BackstageCredentials, permission: RemotePermission, name: string) {
    const resource = await this.requireVisible(credentials, name);
    if (!(await this.authorizer.can(credentials, permission, resource))) {
      throw new NotAllowedError(
        `${permission.name}: ${this.actorOf(credentials)} may not do this to ${name} (owned by ${resource.owner})`,
      );
    }
    return resource;
  }

  /**
   * Decides a publish before any of its upload is read, and resolves the owner the new version
   * must name. An existing remote is judged by its stored owner (one the caller may not see
   * answers exactly as a missing one, naming no owner); a new one by the owner the request names.
   */
  async requirePublish(credentials: BackstageCredentials, name: string, owner: string | undefined): Promise<string> {
    const stored = await this.catalog.getResource(name);
    if (stored && !(await this.authorizer.can(credentials, registryRemoteReadPermission, stored))) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    if (!stored && owner === undefined) {
      throw new InputError(
        `owner: ${name} is a new remote; name its owner (a group entity ref) in the X-Portico-Owner header`,
      );
    }
    const resource = stored ?? { name, owner: owner!, visibleTo: [] };
    if (!(await this.authorizer.can(credentials, registryRemotePublishPermission, resource))) {
      const actor = this.actorOf(credentials);
      throw new NotAllowedError(
        `${registryRemotePublishPermission.name}: ${actor} may not publish ${name} (owned by ${resource.owner})`,
      );
    }
    if (owner !== undefined && owner !== resource.owner) {
      throw new UnprocessableError(`owner: ${name} is owned by ${resource.owner}, but this publish names ${owner}`);
    }
    return resource.owner;
  }

  /** A registry-wide permission, or NotAllowedError with `refusal` after its name. */
  async requireBasic(credentials: BackstageCredentials, permission: BasicPermission, refusal: string) {
    if (!(await this.authorizer.canBasic(credentials, permission))) {
      throw new NotAllowedError(`${permission.name}: ${refusal}`);
    }
  }

  /** Whether the caller may see a remote, decided once for any number of remotes. */
  async visibilityFilter(credentials: BackstageCredentials): Promise<(remote: RegistryRemoteResource) => boolean> {
    const decisions = await this.authorizer.decide(credentials, [registryRemoteReadPermission]);
    return remote => decisions.allows(registryRemoteReadPermission, remote);
  }

  /** Each remote with the actions the caller may take on it. */
  async withActions(credentials: BackstageCredentials, remotes: StoredRemote[]): Promise<RemoteSummary[]> {
    const decisions = await this.authorizer.decide(
      credentials,
      ACTION_PERMISSIONS.map(([, permission]) => permission),
    );
    return remotes.map(remote => ({
      ...remote,
      allowedActions: ACTION_PERMISSIONS.filter(([, permission]) => decisions.allows(permission, remote)).map(
        ([action]) => action,
      ),
    }));
  }

  actorOf(credentials: BackstageCredentials) {
    return actorOf(this.auth, credentials);
  }
}
