import { RegistryManifest } from '@portico/contract';
import { RegistryRemoteResource } from '../../permissions';

/** The per-user manifest the shell loads remotes from. */
export interface ManifestService {
  /**
   * The live version (or, for users in a canary, the canary version) of each live remote
   * `isVisible` admits, by title. Uploaded remotes' entries get a URL prefix signed for
   * `userRef`.
   */
  getManifest(options: {
    userRef: string;
    isVisible: (remote: RegistryRemoteResource) => boolean;
  }): Promise<RegistryManifest>;
}
