import { AuthService, BackstageCredentials } from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { LiveHistoryEntry, RemoteSummary } from '@portico/contract';
import {
  registryRemoteAdministerPermission,
  registryRemoteDeprecatePermission,
  registryRemoteReadPermission,
  RegistryRemoteResource,
} from '../../permissions';
import { AssetSigner } from '../../services/AssetSigner';
import { RegistryAuthorizer } from '../../services/RegistryAuthorizer';
import { RemoteAsset, RemoteCatalog } from '../../services/RemoteCatalog';
import { AuditedAction } from './auditedAction';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** A request for one file of a version, signed (from the manifest) or with the caller's own credentials. */
export interface AssetRequest {
  name: string;
  version: string;
  path: string;
  /** The signature of a `~s/<signature>/` prefix, when the URL has one. */
  signature?: string;
  /** Read only for a request without a signature. */
  credentials: () => Promise<BackstageCredentials>;
}

/** RemoteCatalog as a caller may use it: only remotes they may see, changes they may make. */
export class AuthorizedRemoteCatalog {
  constructor(
    private readonly catalog: RemoteCatalog,
    private readonly access: RemoteAccess,
    private readonly audited: AuditedAction,
    private readonly authorizer: RegistryAuthorizer,
    private readonly signer: AssetSigner,
    private readonly auth: AuthService,
  ) {}

  async listRemotes(caller: RegistryCaller): Promise<RemoteSummary[]> {
    const isVisible = await this.access.visibilityFilter(caller.credentials);
    return this.access.withActions(caller.credentials, await this.catalog.listRemotes(isVisible));
  }

  async getRemote(caller: RegistryCaller, name: string): Promise<RemoteSummary> {
    await this.access.requireVisible(caller.credentials, name);
    return this.getChangedRemote(caller, name);
  }

  /**
   * A remote right after the caller changed it: they were allowed to see it then, so it is
   * described even when the change (such as its visibility) has taken that away.
   */
  async getChangedRemote(caller: RegistryCaller, name: string): Promise<RemoteSummary> {
    const [summary] = await this.access.withActions(caller.credentials, [await this.catalog.getRemote(name)]);
    return summary;
  }

  async getHistory(caller: RegistryCaller, name: string): Promise<LiveHistoryEntry[]> {
    await this.access.requireVisible(caller.credentials, name);
    return this.catalog.getHistory(name);
  }

  async deprecate(
    caller: RegistryCaller,
    options: { name: string; version?: string; sunset: string; message?: string },
  ): Promise<void> {
    await this.audited(caller, 'deprecate', options.name, async () => {
      await this.access.requirePermission(caller.credentials, registryRemoteDeprecatePermission, options.name);
      await this.catalog.deprecate(options);
      return { fromVersion: options.version ?? null, toVersion: null };
    });
  }

  async setVisibility(caller: RegistryCaller, options: { name: string; groups: string[] }): Promise<void> {
    await this.audited(caller, 'visibility', options.name, async () => {
      await this.access.requirePermission(caller.credentials, registryRemoteAdministerPermission, options.name);
      await this.catalog.setVisibility(options);
      return {};
    });
  }

  /**
   * A file of an uploaded version. Every remote's files, also those visible to everyone signed in,
   * are served only to browsers with the signed prefix the manifest gave them, or to callers
   * whose own credentials may read the remote; anyone else is told the remote does not exist.
   */
  async getAsset(request: AssetRequest): Promise<RemoteAsset> {
    const resource = await this.catalog.getResource(request.name);
    if (!resource || !(await this.mayRead(resource, request))) {
      throw new NotFoundError(`No remote named ${request.name}`);
    }
    const { name, version, path } = request;
    return this.catalog.getAsset({ name, version, path });
  }

  private async mayRead(resource: RegistryRemoteResource, request: AssetRequest): Promise<boolean> {
    if (request.signature !== undefined) {
      return this.signer.verify({ name: resource.name, version: request.version, signature: request.signature });
    }
    const credentials = await request.credentials();
    return (
      !this.auth.isPrincipal(credentials, 'none') &&
      (await this.authorizer.can(credentials, registryRemoteReadPermission, resource))
    );
  }
}
