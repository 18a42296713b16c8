import { PreparedPublish, PublishResult, PublishSource, RemotePublisher } from '../../services/RemotePublisher';
import { AuditedAction } from './auditedAction';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** RemotePublisher for callers allowed to publish the remote; every attempt is audited. */
export class AuthorizedRemotePublisher {
  constructor(
    private readonly publisher: RemotePublisher,
    private readonly access: RemoteAccess,
    private readonly audited: AuditedAction,
  ) {}

  /**
   * Authorizes the publish from the request alone (the remote's name, and for a new remote the
   * owner the request names), and only then reads the upload or fetches the remote hosted
   * elsewhere, which must name the same owner; then stores it. `readSource` parses the request
   * inside the audited action, so that a malformed or unsupported upload is in the audit trail too.
   */
  async publish(caller: RegistryCaller, name: string, readSource: () => PublishSource): Promise<PublishResult> {
    const { created, version } = await this.audited(caller, 'publish', name, async () => {
      const source = readSource();
      const requestedOwner = 'archive' in source ? source.owner : source.external.owner;
      const owner = await this.access.requirePublish(caller.credentials, name, requestedOwner);
      const actor = this.access.actorOf(caller.credentials);
      const prepared =
        'archive' in source
          ? await this.publisher.prepareUpload({ name, owner, archive: source.archive, uploader: actor })
          : await this.publisher.prepareExternal({ name, request: source.external });
      const published = await this.publishPrepared(prepared, actor);
      return { ...published, fromVersion: null, toVersion: prepared.version };
    });
    return { created, version };
  }

  private async publishPrepared(prepared: PreparedPublish, actor: string) {
    try {
      return await this.publisher.publish(prepared, actor);
    } finally {
      await prepared.dispose();
    }
  }
}
