import { RegistryManifest } from '@portico/contract';
import { ManifestService } from '../../services/ManifestService';
import { RegistryCaller } from './caller';
import { RemoteAccess } from './RemoteAccess';

/** The manifest of the remotes the caller may see. */
export class AuthorizedManifestService {
  constructor(
    private readonly manifests: ManifestService,
    private readonly access: RemoteAccess,
  ) {}

  async getManifest(caller: RegistryCaller): Promise<RegistryManifest> {
    return this.manifests.getManifest({
      userRef: this.access.actorOf(caller.credentials),
      isVisible: await this.access.visibilityFilter(caller.credentials),
    });
  }
}
