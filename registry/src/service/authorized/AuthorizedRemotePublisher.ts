import { PublishResult, PublishSource, RemotePublisher } from '../../services/RemotePublisher';
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
   * Checks the new version, authorizes it (a new remote by the owner it names), then stores it.
   * `readSource` reads the request body inside the audited action, so that a malformed or
   * unsupported upload is in the audit trail too.
   */
  async publish(caller: RegistryCaller, name: string, readSource: () => PublishSource): Promise<PublishResult> {
    const { created, version } = await this.audited(caller, 'publish', name, async () => {
      const source = readSource();
      const prepared =
        'archive' in source
          ? await this.publisher.prepareUpload({ name, archive: source.archive })
          : await this.publisher.prepareExternal({ name, request: source.external });
      await this.access.requirePublish(caller.credentials, name, prepared.owner);
      const published = await this.publisher.publish(prepared, this.access.actorOf(caller.credentials));
      return { ...published, fromVersion: null, toVersion: prepared.version };
    });
    return { created, version };
  }
}
