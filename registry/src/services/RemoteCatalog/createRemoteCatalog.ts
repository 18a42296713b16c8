import { NotFoundError } from '@backstage/errors';
import { Knex } from 'knex';
import { contentTypeOf } from '../../bundle/allowedFileTypes';
import { findFile } from '../../database/operations/files/files';
import { listLiveHistory } from '../../database/operations/history/history';
import {
  findRemote,
  listRemotes,
  updateRemoteDeprecation,
  updateRemoteVisibility,
} from '../../database/operations/remotes/remotes';
import { listVersions, updateVersionDeprecation } from '../../database/operations/versions/versions';
import {
  deprecationOf,
  parseVisibleTo,
  RemoteRow,
  toRemoteResource,
  toVersionSummary,
  VersionRow,
} from '../../database/tables';
import { AssetStore } from '../AssetStore';
import { RemoteCatalog, StoredRemote } from './types';

export interface RemoteCatalogOptions {
  database: Knex;
  assets: AssetStore;
  /** Where version entries are served, e.g. `http://localhost:7007/api/registry/assets`. */
  assetBaseUrl: string;
}

export function createRemoteCatalog(options: RemoteCatalogOptions): RemoteCatalog {
  const { database: db, assets, assetBaseUrl } = options;

  async function requireRemote(name: string): Promise<RemoteRow> {
    const remote = await findRemote(db, name);
    if (!remote) {
      throw new NotFoundError(`No remote named ${name}`);
    }
    return remote;
  }

  function summarize(remote: RemoteRow, versions: VersionRow[]): StoredRemote {
    const own = versions.filter(v => v.remote_name === remote.name);
    // Title and route follow the live version, or the newest one while nothing is live.
    const shown = own.find(v => v.version === remote.live_version) ?? own[own.length - 1];
    const deprecation = deprecationOf(remote);
    return {
      name: remote.name,
      owner: remote.owner,
      title: shown?.title ?? remote.name,
      route: shown?.route ?? '',
      ...(shown?.description ? { description: shown.description } : {}),
      ...(remote.live_version ? { liveVersion: remote.live_version } : {}),
      ...(remote.canary_version && remote.canary_percent !== null
        ? { canary: { version: remote.canary_version, percent: remote.canary_percent } }
        : {}),
      visibleTo: parseVisibleTo(remote),
      ...(deprecation ? { deprecation } : {}),
      versions: own.map(v => toVersionSummary(v, assetBaseUrl)),
    };
  }

  return {
    async getResource(name) {
      const row = await findRemote(db, name);
      return row ? toRemoteResource(row) : undefined;
    },

    async getRemote(name) {
      const remote = await requireRemote(name);
      return summarize(remote, await listVersions(db, name));
    },

    async listRemotes(isVisible) {
      const remotes = (await listRemotes(db)).filter(remote => isVisible(toRemoteResource(remote)));
      const versions = await listVersions(db);
      return remotes.map(remote => summarize(remote, versions));
    },

    async getHistory(name) {
      await requireRemote(name);
      return listLiveHistory(db, name);
    },

    async deprecate({ name, version, sunset, message }) {
      const deprecation = { sunset_at: new Date(sunset).toISOString(), deprecation_message: message ?? null };
      await requireRemote(name);
      if (!version) {
        await updateRemoteDeprecation(db, name, deprecation);
      } else if ((await updateVersionDeprecation(db, name, version, deprecation)) === 0) {
        throw new NotFoundError(`version: ${name} has no version ${version}`);
      }
    },

    async setVisibility({ name, groups }) {
      await requireRemote(name);
      await updateRemoteVisibility(db, name, [...new Set(groups)].sort());
    },

    async getAsset({ name, version, path }) {
      // The type served comes from the allowlist, never from what was stored at publish: a file
      // of any other type (HTML, SVG, XML) could run as a page on the origin serving it.
      const contentType = contentTypeOf(path);
      const file = contentType ? await findFile(db, name, version, path) : undefined;
      if (!contentType || !file) {
        throw new NotFoundError(`No file ${path} in ${name}@${version}`);
      }
      return { contentType, size: file.size, body: assets.open(file.digest) };
    },
  };
}
