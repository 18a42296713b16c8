import { ManifestRemote } from '@portico/contract';
import { Knex } from 'knex';
import { listLiveRemotes } from '../../database/operations/remotes/remotes';
import { listVersionsOfRemotes } from '../../database/operations/versions/versions';
import { deprecationOf, entryUrlOf, RemoteRow, toRemoteResource, VersionRow } from '../../database/tables';
import { AssetSigner } from '../AssetSigner';
import { isInCanary } from './canary';
import { ManifestService } from './types';

export interface ManifestServiceOptions {
  database: Knex;
  /** Signs the asset URLs of uploaded remotes. */
  signer: AssetSigner;
  /** Where version entries are served, e.g. `http://localhost:7007/api/registry/assets`. */
  assetBaseUrl: string;
}

export function createManifestService(options: ManifestServiceOptions): ManifestService {
  const { database: db, signer, assetBaseUrl } = options;

  /**
   * Every uploaded remote's files are served only under a signed prefix (or to callers with
   * credentials): those of a remote visible to everyone signed in are no more public than
   * the remote itself. Remotes hosted elsewhere keep their own URL.
   */
  async function signedPrefixFor(remote: RemoteRow, row: VersionRow, userRef: string) {
    if (row.source !== 'upload') return undefined;
    return signer.sign({ name: remote.name, version: row.version, subject: userRef });
  }

  async function toManifestRemote(remote: RemoteRow, versions: VersionRow[], userRef: string): Promise<ManifestRemote> {
    const canary =
      remote.canary_version !== null &&
      remote.canary_percent !== null &&
      isInCanary(userRef, remote.name, remote.canary_percent);
    const servedVersion = canary ? remote.canary_version : remote.live_version;
    const row = versions.find(v => v.remote_name === remote.name && v.version === servedVersion)!;
    const deprecation = deprecationOf(row) ?? deprecationOf(remote);
    return {
      name: remote.name,
      version: row.version,
      entry: entryUrlOf(row, assetBaseUrl, await signedPrefixFor(remote, row, userRef)),
      ...(row.integrity ? { integrity: row.integrity } : {}),
      route: row.route,
      title: row.title,
      owner: remote.owner,
      ...(row.description ? { description: row.description } : {}),
      track: canary ? 'canary' : 'stable',
      ...(deprecation ? { deprecation } : {}),
    };
  }

  return {
    async getManifest({ userRef, isVisible }) {
      const remotes = (await listLiveRemotes(db)).filter(remote => isVisible(toRemoteResource(remote)));
      const versions = await listVersionsOfRemotes(
        db,
        remotes.map(remote => remote.name),
      );
      const entries = await Promise.all(remotes.map(remote => toManifestRemote(remote, versions, userRef)));
      return { remotes: entries.sort((a, b) => a.title.localeCompare(b.title)) };
    },
  };
}
